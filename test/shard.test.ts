// Sharding a scan across machines: each shard checks a share of the files, and `riskgate merge`
// of all shards gives exactly what one scan of everything gives: the same files, findings
// (fingerprints, references, fixes), resources (scores, drivers, paths to green) and gate.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURES } from './helpers/fixtures.js';
import { tempTree } from './helpers/tmp.js';
import { compareResources } from '../src/core/engine.js';
import { k8sTools } from './helpers/k8s-tools.js';
import { shardOfPath, parseShard } from '../src/core/shard.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/riskgate.js');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

test('merged shards equal one scan: files, findings, resources and gate, with charts, overlays and cross-object checks', () => {
  const tools = k8sTools()!;
  const { dir, cleanup } = tempTree(
    {
      // A Service in one file selecting a Deployment in another: the shard that checks the Service must know the Deployment.
      'examples/svc-a.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: shop}\nspec:\n  selector: {app: nothing-here}\n  ports: [{port: 80}]\n',
      '.riskgate.yaml': `render:\n  helm:\n    path: ${tools.helm}\n  kustomize:\n    path: ${tools.kubectl}\n`,
    },
    {
      examples: join(ROOT, 'examples'),
      'charts/web': join(FIXTURES, 'render/charts/web'),
      'kustomize/base': join(FIXTURES, 'render/kustomize/base'),
      'kustomize/overlays/prod': join(FIXTURES, 'render/kustomize/overlays/prod'),
      'kustomize/overlays/staging': join(FIXTURES, 'render/kustomize/overlays/staging'),
    },
  );
  const out = mkdtempSync(join(tmpdir(), 'riskgate-shard-out-'));
  try {
    const whole = run(['scan', '.', '--format', 'json', '--fail-on-risk', '70'], dir);
    const shards = [1, 2, 3].map((i) => {
      const r = run(['scan', '.', '--shard', `${i}/3`, '--format', 'json', '--fail-on-risk', '70', '--output', join(out, `s${i}.json`)], dir);
      assert.ok(r.status === 0 || r.status === 1, r.stderr);
      return JSON.parse(readFileSync(join(out, `s${i}.json`), 'utf8'));
    });
    // Each shard is a real share: no finding twice, every shard checked something.
    assert.ok(shards.every((s) => s.files.length > 0));
    const fps = shards.flatMap((s) => s.findings.map((f: { fingerprint: string }) => f.fingerprint));
    assert.equal(new Set(fps).size, fps.length);
    // Each file is listed by one shard: the base prod and staging share goes with both overlays.
    const listed = shards.flatMap((s) => s.files.map((f: { path: string }) => f.path));
    assert.equal(new Set(listed).size, listed.length, 'no file listed by two shards');
    const base = shards.flatMap((s) => s.files).find((f: { path: string }) => f.path === 'kustomize/base/deployment.yaml');
    assert.match(base.reason, /kustomize\/overlays\/prod, .*kustomize\/overlays\/staging/);
    const merged = run(['merge', ...[1, 2, 3].map((i) => join(out, `s${i}.json`)), '--format', 'json', '--fail-on-risk', '70'], dir);
    const a = JSON.parse(whole.stdout);
    const m = JSON.parse(merged.stdout);
    assert.deepEqual(m.files, a.files);
    assert.deepEqual(m.findings, a.findings);
    assert.deepEqual(m.resources, [...a.resources].sort(compareResources));
    assert.ok(a.findings.some((f: { ruleId: string; path: string }) => f.ruleId === 'k8s/dangling-service' && f.path === 'examples/svc-a.yaml'), 'the cross-object finding is there');
    assert.ok(a.findings.some((f: { fix?: unknown }) => f.fix), 'fixes travel in the JSON report');
    assert.equal(merged.status, whole.status, 'same gate decision');
    // SARIF and text from the merge.
    const sarif = JSON.parse(run(['merge', ...[1, 2, 3].map((i) => join(out, `s${i}.json`)), '--format', 'sarif'], dir).stdout);
    assert.equal(sarif.runs[0].results.length, a.findings.length);
    assert.ok(sarif.runs[0].results.some((r: { fixes?: unknown[] }) => r.fixes?.length), 'SARIF fixes rebuilt from the checkout');
    assert.match(run(['merge', ...[1, 2, 3].map((i) => join(out, `s${i}.json`))], dir).stdout, /Risk by resource:/);
  } finally {
    cleanup();
    rmSync(out, { recursive: true, force: true });
  }
});

test('merge refuses an incomplete or mixed set of shards, and --shard says how to write it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'riskgate-shard-bad-'));
  try {
    writeFileSync(join(dir, 'p.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shop}\n');
    run(['scan', '.', '--shard', '1/2', '--format', 'json', '--output', 's1.json'], dir);
    const missing = run(['merge', 's1.json'], dir);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /shard 2\/2 missing: a merge of part of the shards would pass what the rest would block/);
    const twice = run(['merge', 's1.json', 's1.json'], dir);
    assert.match(twice.stderr, /shard 1\/2 is given twice/);
    // A report passed off as another shard's lists the same files again: refused, not merged.
    const first = JSON.parse(readFileSync(join(dir, 's1.json'), 'utf8'));
    assert.deepEqual(first.files.map((f: { path: string }) => f.path), ['p.yaml'], 'p.yaml is in shard 1 of 2');
    writeFileSync(join(dir, 'fake2.json'), JSON.stringify({ ...first, shard: { index: 2, count: 2 } }));
    const overlap = run(['merge', 's1.json', 'fake2.json'], dir);
    assert.equal(overlap.status, 2);
    assert.match(overlap.stderr, /is listed by two shards \(s1\.json and fake2\.json\): merge the reports of one riskgate run/);
    run(['scan', '.', '--format', 'json', '--output', 'whole.json'], dir);
    assert.match(run(['merge', 'whole.json'], dir).stderr, /not a shard report/);
    assert.match(run(['scan', '.', '--shard', '3/2'], dir).stderr, /--shard must be i\/n with 1 ≤ i ≤ n \(for example 2\/4\); got "3\/2"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the split is by a hash of the path: stable, and independent of other files', () => {
  assert.equal(shardOfPath('k8s/web.yaml', 4), shardOfPath('k8s/web.yaml', 4));
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < 4000; i++) counts[shardOfPath(`svc-${i}/deploy.yaml`, 4) - 1]++;
  assert.ok(counts.every((c) => c > 800 && c < 1200), counts.join(','));
  assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
});
