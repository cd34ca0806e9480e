// Installable as a package: the tarball `npm pack` makes installs into an empty project with no
// network (it has no dependencies: the command and onnxruntime's CPU binaries are bundled in
// dist/), runs no install script, puts no `node` into the consumer's node_modules/.bin, and
// `npx riskgate scan` prints risk scores.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('npm pack, then npm install --offline of the tarball in an empty project: no .bin/node, scores printed', () => {
  const room = mkdtempSync(join(tmpdir(), 'riskgate-package-'));
  // No variable that would hide an install-time download, and no network: --offline.
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  delete env.ONNXRUNTIME_NODE_INSTALL;
  for (const k of Object.keys(env)) if (/^npm_config_onnxruntime/i.test(k) || k === 'npm_config_prefix' || k === 'npm_package_json') delete env[k];
  try {
    const pack = spawnSync('npm', ['pack', '--pack-destination', room], { cwd: ROOT, env, encoding: 'utf8' });
    assert.equal(pack.status, 0, pack.stderr);
    const tarball = readdirSync(room).find((f) => f.endsWith('.tgz'))!;
    const project = join(room, 'project');
    spawnSync('mkdir', [project]);
    writeFileSync(join(project, 'package.json'), '{"name": "consumer", "version": "1.0.0", "private": true}\n');
    writeFileSync(join(project, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: true\n  containers:\n    - name: a\n      image: nginx:1.27\n      securityContext: {privileged: true}\n');
    const install = spawnSync('npm', ['install', join(room, tarball)], { cwd: project, env, encoding: 'utf8' });
    assert.equal(install.status, 0, install.stderr);
    assert.deepEqual(readdirSync(join(project, 'node_modules')).filter((n) => !n.startsWith('.')), ['riskgate'], 'riskgate installs no dependency');
    assert.ok(!existsSync(join(project, 'node_modules/riskgate/node_modules')), 'and no nested dependency');
    const bins = readdirSync(join(project, 'node_modules/.bin'));
    assert.deepEqual(bins, ['riskgate'], 'riskgate brings no node (nor anything else) into .bin');
    const scan = spawnSync('npx', ['riskgate', 'scan', 'pod.yaml', '--format', 'json'], { cwd: project, env, encoding: 'utf8' });
    assert.equal(scan.status, 1, scan.stderr);
    assert.doesNotMatch(scan.stderr, /Unknown (project|user|env) config|risk scores unavailable/);
    const report = JSON.parse(scan.stdout) as { resources: { kind: string; risk: number | null }[] };
    assert.ok(report.resources[0].risk !== null && report.resources[0].risk > 50, `risk ${report.resources[0].risk}`);
    const version = spawnSync('npx', ['riskgate', '--version'], { cwd: project, env, encoding: 'utf8' });
    assert.match(version.stdout, /^riskgate \d+\.\d+\.\d+\nrules: \d+ \(rule set [0-9a-f]{12}\)\nmodel: riskgate-risk v\d+ sha256:[0-9a-f]{16}\n$/);
  } finally {
    rmSync(room, { recursive: true, force: true });
  }
});
