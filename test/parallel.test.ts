// Parallel scanning: worker threads each check a share of the files (Dockerfiles, manifests with
// the cross-object facts of all manifests, rendered charts and overlays), and the report is the
// same, byte for byte, whatever the number of workers: JSON, SARIF, text and the exit code.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURES } from './helpers/fixtures.js';
import { k8sTools } from './helpers/k8s-tools.js';
import { partition } from '../src/core/parallel/partition.js';
import { parseJobs, workerCount } from '../src/core/parallel/scan-parallel.js';
import type { ScanUnit } from '../src/core/engine.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/riskgate.js');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });

test('1, 2, 3 and 5 workers give the same JSON, SARIF and text, byte for byte, with charts, overlays and cross-object checks', () => {
  const tools = k8sTools()!;
  const dir = mkdtempSync(join(tmpdir(), 'riskgate-parallel-'));
  try {
    cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
    cpSync(join(FIXTURES, 'k8s'), join(dir, 'k8s'), { recursive: true });
    cpSync(join(FIXTURES, 'docker'), join(dir, 'docker'), { recursive: true });
    cpSync(join(FIXTURES, 'render/charts/web'), join(dir, 'charts/web'), { recursive: true });
    cpSync(join(FIXTURES, 'render/kustomize/base'), join(dir, 'kustomize/base'), { recursive: true });
    cpSync(join(FIXTURES, 'render/kustomize/overlays/prod'), join(dir, 'kustomize/overlays/prod'), { recursive: true });
    // A Service whose selector matches only a Deployment in another file: whichever worker checks
    // the Service must know that Deployment.
    writeFileSync(join(dir, 'examples/svc-cross.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: cross, namespace: shop}\nspec:\n  selector: {app: nothing-here}\n  ports: [{port: 80}]\n');
    writeFileSync(join(dir, '.riskgate.yaml'), `render:\n  helm:\n    path: ${tools.helm}\n  kustomize:\n    path: ${tools.kubectl}\n`);
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
        assert.ok(report.findings.some((f: { ruleId: string; message: string }) => f.ruleId === 'k8s/dangling-service' && /cross/.test(f.message)), 'the cross-file Service finding is there');
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the split keeps manifests together, spreads the rest, and is the same every time', () => {
  const units: ScanUnit[] = [
    ...Array.from({ length: 40 }, (_, i) => ({ path: `m${i}.yaml`, kind: 'manifest' as const, weight: 1 })),
    ...Array.from({ length: 40 }, (_, i) => ({ path: `d${i}/Dockerfile`, kind: 'dockerfile' as const, weight: 2 })),
    { path: 'charts/web', kind: 'render', weight: 30 },
  ];
  const parts = partition(units, 3);
  assert.deepEqual(partition([...units].reverse(), 3), parts, 'independent of the order units are found in');
  assert.equal(parts.flatMap((p) => [...p]).length, units.length, 'every unit in exactly one share');
  assert.equal(new Set(parts.flatMap((p) => [...p])).size, units.length);
  const withManifests = parts.filter((p) => [...p].some((x) => x.endsWith('.yaml')));
  assert.equal(withManifests.length, 1, 'manifests (40 of 150 weight) go to one worker: no worker reads them for nothing');
  const loads = parts.map((p) => units.filter((u) => p.has(u.path)).reduce((n, u) => n + u.weight, 0));
  assert.ok(Math.max(...loads) - Math.min(...loads) <= 2, `balanced: ${loads.join(', ')}`);
});

test('--jobs: a number or auto; auto uses fewer workers for small scans', () => {
  assert.equal(parseJobs(undefined), 'auto');
  assert.equal(parseJobs('3'), 3);
  assert.throws(() => parseJobs('0'), /whole number from 1 to 256/);
  assert.throws(() => parseJobs('two'), /or auto/);
  assert.equal(workerCount('auto', 10), 1, 'ten files: a worker would cost more than it saves');
  assert.equal(workerCount(4, 3), 3, 'never more workers than units');
  const r = run(['scan', '.', '--jobs', 'many'], ROOT);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--jobs must be a whole number from 1 to 256, or auto; got "many"/);
});
