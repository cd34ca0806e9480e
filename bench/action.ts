// The whole action as a process (node dist/index.js) on a 10-file pull request against the local
// GitHub API: wall time from spawn to exit, model load included. Prints numbers; asserts nothing.

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { FakeGitHub } from '../test/helpers/fake-github.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'riskgate-bench-action-'));
const git = (...a: string[]) => execFileSync('git', ['-c', 'user.email=b@example.com', '-c', 'user.name=b', ...a], { cwd: dir, encoding: 'utf8' }).trim();
git('init', '-q', '-b', 'main');
const sources = [
  ...readdirSync(join(ROOT, 'examples/shop/k8s')).map((f) => join(ROOT, 'examples/shop/k8s', f)),
  ...['privileged-container', 'host-pid', 'rbac-wildcard', 'service-account-token'].map((r) => join(ROOT, 'test/fixtures/k8s', r, 'negative.yaml')),
];
const files = sources.slice(0, 8).map((p, i) => ({ path: `deploy/app${i}.yaml`, text: readFileSync(p, 'utf8') }));
files.push({ path: 'svc/a/Dockerfile', text: readFileSync(join(ROOT, 'examples/shop/payments/Dockerfile'), 'utf8') });
files.push({ path: 'svc/b/Dockerfile', text: readFileSync(join(ROOT, 'examples/shop/storefront/Dockerfile'), 'utf8') });
for (const f of files) {
  mkdirSync(dirname(join(dir, f.path)), { recursive: true });
  writeFileSync(join(dir, f.path), f.text.replace(/privileged: true/g, 'privileged: false'));
}
git('add', '-A');
git('commit', '-qm', 'base');
const base = git('rev-parse', 'HEAD');
for (const f of files) writeFileSync(join(dir, f.path), `${f.text}\n`);
git('add', '-A');
git('commit', '-qm', 'head');
const head = git('rev-parse', 'HEAD');

const fake = new FakeGitHub();
await fake.start();
fake.headSha = head;
fake.files = files.map((f) => ({ filename: f.path, status: 'modified', patch: git('diff', '-U3', base, head, '--', f.path).replace(/^[\s\S]*?(?=@@)/, '') }));
const defaults = (load(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> }).inputs;

async function once(): Promise<number> {
  const temp = mkdtempSync(join(tmpdir(), 'riskgate-bench-runner-'));
  writeFileSync(join(temp, 'event.json'), JSON.stringify({ pull_request: { number: 7, changed_files: files.length, head: { sha: head, repo: { full_name: 'acme/shop' } }, base: { sha: base, repo: { full_name: 'acme/shop' } } }, repository: { full_name: 'acme/shop' } }));
  for (const f of ['summary.md', 'output.txt']) writeFileSync(join(temp, f), '');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: join(temp, 'event.json'), GITHUB_REPOSITORY: 'acme/shop', GITHUB_API_URL: fake.url, GITHUB_WORKSPACE: dir, GITHUB_STEP_SUMMARY: join(temp, 'summary.md'), GITHUB_OUTPUT: join(temp, 'output.txt'), RUNNER_TEMP: temp, RISKGATE_WRITE_INTERVAL_MS: '0' };
  for (const [k, v] of Object.entries(defaults)) env[`INPUT_${k.toUpperCase()}`] = String(v.default ?? '');
  env.INPUT_TOKEN = 'write-token';
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, [join(ROOT, 'dist/index.js')], { cwd: dir, env, stdio: 'ignore' });
  await new Promise((r) => child.on('close', r));
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  rmSync(temp, { recursive: true, force: true });
  return ms;
}

const runs: number[] = [];
for (let i = 0; i < 5; i++) runs.push(await once());
await fake.stop();
rmSync(dir, { recursive: true, force: true });
console.log(`action: 10-file pull request (8 manifests, 2 Dockerfiles) against the local API, wall time per run: best ${Math.min(...runs).toFixed(0)} ms, median ${runs.sort((a, b) => a - b)[2].toFixed(0)} ms [${runs.map((r) => r.toFixed(0)).join(', ')}] (first run posts the review; later runs find nothing new)`);
