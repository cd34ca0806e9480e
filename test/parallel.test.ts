// Parallel scanning: worker threads each check a share of the files (Dockerfiles, manifests,
// rendered charts and overlays) and trade their manifests' cross-object facts, and the report is
// the same, byte for byte, whatever the number of workers: JSON, SARIF, text and the exit code.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURES } from './helpers/fixtures.js';
import { tempTree } from './helpers/tmp.js';
import { k8sTools } from './helpers/k8s-tools.js';
import { partition } from '../src/core/parallel/partition.js';
import { dockerfileShare, parseJobs, workerCount } from '../src/core/parallel/scan-parallel.js';
import { availableParallelism } from 'node:os';
import { scan, scanUnits, type ScanUnit } from '../src/core/engine.js';
import { slimObject } from '../src/core/k8s/slim-object.js';
import { fromWire, toWire } from '../src/core/k8s/slim-wire.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/riskgate.js');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });

test('1, 2, 3 and 5 workers give the same JSON, SARIF and text, byte for byte, with charts, overlays and cross-object checks', () => {
  const tools = k8sTools()!;
  const { dir, cleanup } = tempTree(
    {
      // A Service whose selector matches only a Deployment in another file: whichever worker checks
      // the Service must know that Deployment.
      'examples/svc-cross.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: cross, namespace: shop}\nspec:\n  selector: {app: nothing-here}\n  ports: [{port: 80}]\n',
      '.riskgate.yaml': `render:\n  helm:\n    path: ${tools.helm}\n  kustomize:\n    path: ${tools.kubectl}\n`,
    },
    {
      examples: join(ROOT, 'examples'),
      k8s: join(FIXTURES, 'k8s'),
      docker: join(FIXTURES, 'docker'),
      'charts/web': join(FIXTURES, 'render/charts/web'),
      'kustomize/base': join(FIXTURES, 'render/kustomize/base'),
      'kustomize/overlays/prod': join(FIXTURES, 'render/kustomize/overlays/prod'),
      // A second root on the same base: the base's files are reported once, as part of both.
      'kustomize/overlays/staging': join(FIXTURES, 'render/kustomize/overlays/staging'),
    },
  );
  try {
    for (const format of ['json', 'sarif', 'text']) {
      const counts = format === 'json' ? [1, 2, 3, 5] : [1, 3];
      const outputs = counts.map((jobs) => run(['scan', '.', '--format', format, '--fail-on-risk', '70', '--jobs', String(jobs)], dir));
      for (const o of outputs) assert.ok(o.status === 0 || o.status === 1, o.stderr);
      const [one, ...others] = outputs;
      for (const [i, o] of others.entries()) {
        assert.ok(o.stdout === one.stdout, `${format} with ${counts[i + 1]} workers differs from one`);
        assert.equal(o.status, one.status);
      }
      if (format === 'json') {
        const report = JSON.parse(one.stdout);
        assert.ok(report.findings.length > 500, 'the set is large enough to split');
        assert.ok(report.files.some((f: { rendered?: unknown }) => f.rendered), 'charts and overlays were rendered');
        const base = report.files.find((f: { path: string }) => f.path === 'kustomize/base/deployment.yaml');
        assert.match(base?.reason ?? '', /part of Kustomize root kustomize\/base, Kustomize root kustomize\/overlays\/prod, Kustomize root kustomize\/overlays\/staging/);
        assert.ok(report.findings.some((f: { ruleId: string; message: string }) => f.ruleId === 'k8s/dangling-service' && /cross/.test(f.message)), 'the cross-file Service finding is there');
      }
    }
  } finally {
    cleanup();
  }
});

test('the split balances every kind of unit, keeps grouped roots together, and is the same every time', () => {
  const units: ScanUnit[] = [
    ...Array.from({ length: 40 }, (_, i) => ({ path: `m${i}.yaml`, kind: 'manifest' as const, weight: 1 })),
    ...Array.from({ length: 40 }, (_, i) => ({ path: `d${i}/Dockerfile`, kind: 'dockerfile' as const, weight: 2 })),
    { path: 'charts/web', kind: 'render', weight: 30 },
    { path: 'overlays/prod', kind: 'render', weight: 60, with: ['overlays/staging'] },
  ];
  const parts = partition(units, 3);
  assert.deepEqual(partition([...units].reverse(), 3), parts, 'independent of the order units are found in');
  const all = parts.flatMap((p) => [...p]);
  assert.equal(all.length, units.length + 1, 'every unit (and its group) in exactly one share');
  assert.equal(new Set(all).size, units.length + 1);
  assert.ok(parts.some((p) => p.has('overlays/prod') && p.has('overlays/staging')), 'roots sharing a base go together');
  const loads = parts.map((p) => units.filter((u) => p.has(u.path)).reduce((n, u) => n + u.weight, 0));
  assert.ok(Math.max(...loads) - Math.min(...loads) <= 2, `balanced: ${loads.join(', ')}`);
  assert.ok(parts.filter((p) => [...p].some((x) => x.endsWith('.yaml'))).length > 1, 'manifests are spread: workers trade their facts');
  // A --shard run cannot trade facts with other shards: there manifests stay on as few workers as their weight needs.
  const together = partition(units, 3, { manifestsTogether: true });
  assert.equal(together.filter((p) => [...p].some((x) => x.endsWith('.yaml'))).length, 1);
});

test('Kustomize roots on a common base are one unit of work', () => {
  const units = scanUnits({ paths: ['.'], cwd: join(FIXTURES, 'render/kustomize') });
  const renders = units.filter((u) => u.kind === 'render');
  assert.deepEqual(
    renders.map((u) => [u.path, u.with ?? []]),
    [
      // The base is a root of its own too, and shares its file with the overlays.
      ['base', ['overlays/prod', 'overlays/staging']],
      ['overlays/remote', []],
    ],
  );
});

test('index copies cross threads intact: a rebuilt copy is the copy', () => {
  const result = scan({ paths: ['examples', 'test/fixtures/k8s'], cwd: ROOT });
  assert.ok(result.objects.length > 100);
  for (const o of result.objects) {
    const slim = slimObject(o);
    const rebuilt = fromWire(structuredClone(toWire(slim)));
    assert.deepStrictEqual(rebuilt, slim, `${o.path} ${o.kind}/${o.name}`);
  }
});

test('--jobs: a number or auto; auto uses fewer workers for small scans', () => {
  assert.equal(parseJobs(undefined), 'auto');
  assert.equal(parseJobs('3'), 3);
  assert.throws(() => parseJobs('0'), /whole number from 1 to 256/);
  assert.throws(() => parseJobs('two'), /or auto/);
  assert.equal(workerCount('auto', 10), 1, 'ten files: a worker would cost more than it saves');
  assert.equal(workerCount(4, 3), 3, 'never more workers than units');
  assert.equal(workerCount('auto', 100_000, 2), 1, 'two cores: one thread (V8 already uses the other core)');
  assert.equal(workerCount('auto', 100_000, 8), 7, 'one core left to V8 and the main thread');
  assert.equal(workerCount('auto', 300, 8), 2, 'at most one worker per 150 files');
  const r = run(['scan', '.', '--jobs', 'many'], ROOT);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--jobs must be a whole number from 1 to 256, or auto; got "many"/);
});

test('on 2 cores, auto checks the Dockerfiles in one worker beside this thread: the same report as one thread', () => {
  const units = (n: number, kind: ScanUnit['kind']) => Array.from({ length: n }, (_, i): ScanUnit => ({ path: `${kind}-${i}`, kind, weight: 1 }));
  assert.deepEqual(dockerfileShare([...units(150, 'dockerfile'), ...units(5, 'manifest')], {}, 2), units(150, 'dockerfile').map((u) => u.path));
  assert.equal(dockerfileShare([...units(149, 'dockerfile'), ...units(5, 'manifest')], {}, 2), null, 'too few Dockerfiles to pay for a worker');
  assert.equal(dockerfileShare(units(400, 'dockerfile'), {}, 2), null, 'nothing else to do beside them');
  assert.equal(dockerfileShare([...units(400, 'dockerfile'), ...units(5, 'manifest')], {}, 1), null, 'one core');
  assert.equal(dockerfileShare([...units(400, 'dockerfile'), ...units(5, 'manifest')], { shard: { index: 1, count: 2 } }, 2), null, 'shards keep their own split');

  const { dir, cleanup } = tempTree({}, { d1: join(FIXTURES, 'docker'), d2: join(FIXTURES, 'docker'), k8s: join(FIXTURES, 'k8s'), examples: join(ROOT, 'examples') });
  try {
    for (const format of ['json', 'sarif', 'text']) {
      const one = run(['scan', '.', '--format', format, '--jobs', '1'], dir);
      const auto = spawnSync(process.execPath, [BIN, 'scan', '.', '--format', format], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', RISKGATE_TIMING: '1' } });
      assert.ok(one.status === 0 || one.status === 1, one.stderr);
      assert.ok(auto.stdout === one.stdout, `${format}: the split scan differs from one thread`);
      assert.equal(auto.status, one.status);
      // Where the machine has the cores for it, the split did happen (RISKGATE_TIMING names its phases).
      if (availableParallelism() >= 2) assert.match(auto.stderr, /Dockerfile worker done/, format);
    }
  } finally {
    cleanup();
  }
});
