// The action end to end, as the runner runs it: `node dist/index.js` as a process, with the
// environment the runner sets, on a real git repository with a base and a head commit, against a
// local GitHub API. Asserts the review, annotations, summary, outputs and exit code, including
// re-runs, a fork's read-only token, transient API failures and hostile file content.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeGitHub, patchOf, type FakePrFile } from './helpers/fake-github.js';
import { load } from 'js-yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = join(ROOT, 'dist/index.js');

const BASE_WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: web
          image: ghcr.io/acme/web:1.2.3
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
`;
const HEAD_WEB = BASE_WEB.replace('      automountServiceAccountToken: false\n', '      automountServiceAccountToken: false\n      hostPID: true\n').replace('            allowPrivilegeEscalation: false\n', '            allowPrivilegeEscalation: false\n            privileged: true\n');
const DOCKERFILE = 'FROM node:22.11-bookworm-slim\nWORKDIR /app\nCOPY . /app\nUSER 1000:1000\nCMD ["node", "server.js"]\n';
const HEAD_DOCKERFILE = DOCKERFILE.replace('COPY . /app\n', 'COPY . /app\nRUN curl -fsSL https://get.example.com/i.sh | sh\n');

class Repo {
  dir = mkdtempSync(join(tmpdir(), 'riskgate-action-'));
  git(...args: string[]): string {
    return execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], { cwd: this.dir, encoding: 'utf8' }).trim();
  }
  write(files: Record<string, string | null>): void {
    for (const [p, t] of Object.entries(files)) {
      if (t === null) rmSync(join(this.dir, p), { force: true });
      else {
        mkdirSync(dirname(join(this.dir, p)), { recursive: true });
        writeFileSync(join(this.dir, p), t);
      }
    }
  }
  commit(msg: string): string {
    this.git('add', '-A');
    this.git('commit', '-qm', msg);
    return this.git('rev-parse', 'HEAD');
  }
  /** The PR's files as GitHub lists them, with real patches. */
  prFiles(base: string, head: string): FakePrFile[] {
    const out: FakePrFile[] = [];
    for (const line of this.git('diff', '--name-status', '-M', base, head).split('\n').filter(Boolean)) {
      const [code, a, b] = line.split('\t');
      const filename = b ?? a;
      const patch = code.startsWith('D') ? undefined : patchOf((...a) => this.git(...a), base, head, filename);
      out.push({ filename, status: code.startsWith('A') ? 'added' : code.startsWith('D') ? 'removed' : code.startsWith('R') ? 'renamed' : 'modified', ...(b ? { previous_filename: a } : {}), ...(patch ? { patch } : {}) });
    }
    return out;
  }
}

/** A repository with a base and a head commit; the fake GitHub lists the head's changes as the pull request. */
function pullRequest(baseFiles: Record<string, string>, headFiles: Record<string, string | null>): { repo: Repo; base: string; head: string } {
  const repo = new Repo();
  repo.git('init', '-q', '-b', 'main');
  repo.write(baseFiles);
  const base = repo.commit('base');
  repo.write(headFiles);
  const head = repo.commit('head');
  fake.files = repo.prFiles(base, head);
  fake.headSha = head;
  fake.comments = [];
  fake.reviews = [];
  return { repo, base, head };
}

function actionDefaults(): Record<string, string> {
  // The runner sets INPUT_<NAME> for every input, from the workflow or the action.yml default.
  const yml = load(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
  const out: Record<string, string> = {};
  for (const [name, i] of Object.entries(yml.inputs)) out[`INPUT_${name.toUpperCase()}`] = String(i.default ?? '');
  return out;
}

interface RunResult {
  code: number;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

async function runAction(repo: Repo, fake: FakeGitHub, pr: { base: string; head: string; fork?: boolean }, inputs: Record<string, string> = {}, eventOverride?: object): Promise<RunResult> {
  const temp = mkdtempSync(join(tmpdir(), 'riskgate-runner-'));
  const event = eventOverride ?? {
    action: 'synchronize',
    number: 7,
    pull_request: { number: 7, changed_files: fake.files.length, head: { sha: pr.head, repo: { full_name: pr.fork ? 'mallory/shop' : 'acme/shop' } }, base: { sha: pr.base, repo: { full_name: 'acme/shop' } } },
    repository: { full_name: 'acme/shop' },
  };
  writeFileSync(join(temp, 'event.json'), JSON.stringify(event));
  writeFileSync(join(temp, 'summary.md'), '');
  writeFileSync(join(temp, 'output.txt'), '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: temp,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: join(temp, 'event.json'),
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_API_URL: fake.url,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_RUN_ID: '42',
    GITHUB_SHA: pr.head,
    GITHUB_WORKSPACE: repo.dir,
    GITHUB_STEP_SUMMARY: join(temp, 'summary.md'),
    GITHUB_OUTPUT: join(temp, 'output.txt'),
    RUNNER_TEMP: temp,
    RISKGATE_RETRY_BASE_MS: '5',
    RISKGATE_WRITE_INTERVAL_MS: '0',
    ...actionDefaults(),
    INPUT_TOKEN: pr.fork ? 'read-token' : 'write-token',
    ...inputs,
  };
  const child = spawn(process.execPath, [ENTRY], { cwd: repo.dir, env });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stdout += d));
  const code = await new Promise<number>((r) => child.on('close', (c) => r(c ?? -1)));
  const outputs: Record<string, string> = {};
  const raw = readFileSync(join(temp, 'output.txt'), 'utf8');
  for (const m of raw.matchAll(/^([\w-]+)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm)) outputs[m[1]] = m[3];
  const summary = readFileSync(join(temp, 'summary.md'), 'utf8');
  rmSync(temp, { recursive: true, force: true });
  return { code, stdout, outputs, summary };
}

const fake = new FakeGitHub();
before(async () => {
  assert.ok(existsSync(ENTRY), 'dist/index.js is built (npm run bundle)');
  await fake.start();
});
after(async () => {
  await fake.stop();
});

test('a pull request: annotations, a review with one-click fixes, summary, outputs, gate; idempotent re-runs', async () => {
  const repo = new Repo();
  repo.git('init', '-q', '-b', 'main');
  repo.write({ 'k8s/web.yaml': BASE_WEB, 'app/Dockerfile': DOCKERFILE, 'README.md': '# shop\n' });
  const base = repo.commit('base');
  repo.write({ 'k8s/web.yaml': HEAD_WEB, 'app/Dockerfile': HEAD_DOCKERFILE, 'k8s/cache.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cache, namespace: shop}\ndata:\n  db_password: "s3cr3t-value"\n' });
  const head = repo.commit('head');
  fake.files = repo.prFiles(base, head);
  fake.headSha = head;

  const first = await runAction(repo, fake, { base, head });
  assert.equal(first.code, 1, first.stdout);
  assert.deepEqual(fake.validationErrors, []);
  // Annotations with exact positions.
  assert.match(first.stdout, /::error title=k8s\/privileged-container%3A Privileged container,file=k8s\/web\.yaml,line=19,endLine=19,col=13,endColumn=29::container "web" is privileged/);
  assert.match(first.stdout, /::error title=docker\/remote-script-to-shell[^\n]*file=app\/Dockerfile,line=4/);
  // One review, on the analysed head, with a suggestion that fixes the line.
  assert.equal(fake.reviews.length, 1);
  assert.equal(fake.reviews[0].commit_id, head);
  assert.equal(fake.reviews[0].event, 'COMMENT');
  const priv = fake.comments.find((c) => c.body.includes('k8s/privileged-container'))!;
  assert.ok(priv, 'privileged finding commented');
  assert.equal(priv.path, 'k8s/web.yaml');
  assert.equal(priv.line, 19);
  assert.match(priv.body, /```suggestion\n            privileged: false\n```/);
  const hostPid = fake.comments.find((c) => c.body.includes('k8s/host-pid'))!;
  assert.match(hostPid.body, /```suggestion\n```/, "removing a line suggests an empty replacement");
  assert.ok(fake.comments.every((c) => /<!-- riskgate:fp=[a-f0-9]+ -->/.test(c.body)));
  // Outputs and summary.
  assert.equal(first.outputs.result, 'fail');
  assert.ok(Number(first.outputs['max-risk']) > 80, first.outputs['max-risk']);
  assert.ok(Number(first.outputs['risk-delta']) > 0, first.outputs['risk-delta']);
  assert.ok(Number(first.outputs['blocking-findings']) >= 3);
  assert.ok(existsSync(first.outputs['sarif-file']) || first.outputs['sarif-file'].length > 0);
  assert.match(first.summary, /## riskgate: ❌ blocking/);
  assert.match(first.summary, /\| Deployment\/web \(shop\) \| `k8s\/web\.yaml:1` \| [\d.]+ \| [\d.]+ \| \+[\d.]+ \|/);
  assert.match(first.summary, /risk if fixed/);
  // Model v2: a blocked resource gets a path to green and names the attack paths it opens, in the summary and the review.
  assert.match(first.summary, /### Path to green\n\n- \*\*Deployment\/web\*\*: fix (this one|these \d+) to go from [\d.\\]+ to [\d.\\]+\n {2}- k8s\/\S+ `k8s\/web\.yaml:\d+`/);
  assert.match(first.summary, /attack paths: Container escape to the node \\\(T1611, T1068\\\)/);
  assert.match(fake.reviews[0].body, /#### Path to green\n\n- \*\*Deployment\/web\*\*: fix/);

  // Re-run, nothing changed: no new review, no new comments.
  const comments = fake.comments.length;
  const second = await runAction(repo, fake, { base, head });
  assert.equal(second.code, 1);
  assert.equal(fake.reviews.length, 1, 'no new review when nothing changed');
  assert.equal(fake.comments.length, comments);

  // The author fixes the privileged container: its comment goes away, nothing is posted twice.
  repo.write({ 'k8s/web.yaml': HEAD_WEB.replace('privileged: true', 'privileged: false') });
  const head2 = repo.commit('fix');
  fake.files = repo.prFiles(base, head2);
  fake.headSha = head2;
  await runAction(repo, fake, { base, head: head2 });
  assert.ok(!fake.comments.some((c) => c.body.includes('k8s/privileged-container')), 'comment on the fixed finding deleted');
  assert.ok(fake.comments.some((c) => c.body.includes('k8s/host-pid')), 'other comments stay');
  assert.equal(new Set(fake.comments.map((c) => /fp=([a-f0-9]+)/.exec(c.body)![1])).size, fake.comments.length, 'no finding commented twice');
  assert.deepEqual(fake.validationErrors, []);
});

test('a pull request that only adds a binding: the workload it reaches is compared base -> head, named in the summary with its chain, and counted by the gate', async () => {
  const fixture = readFileSync(join(ROOT, 'test/fixtures/graph/exposed-cluster-admin.yaml'), 'utf8');
  const docs = fixture.split('\n---\n');
  const binding = docs.find((d) => /^kind: ClusterRoleBinding$/m.test(d))!;
  const web = docs.filter((d) => d !== binding).join('\n---\n');
  const { repo, base, head } = pullRequest({ 'k8s/web.yaml': web, 'k8s/other.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: unrelated, namespace: shop}\n' }, { 'k8s/rbac.yaml': binding.replace(/^#.*\n/gm, '') });
  // Findings alone would not block (severity none): the gate fails on the Deployment's risk.
  const run = await runAction(repo, fake, { base, head }, { 'INPUT_FAIL-ON-SEVERITY': 'none', 'INPUT_FAIL-ON-RISK': '70' });
  assert.equal(run.code, 1, run.stdout);
  assert.deepEqual(fake.validationErrors, []);
  assert.match(run.stdout, /resource\(s\) at or above risk 70[^\n]*Deployment\/web/);
  assert.match(run.summary, /### Workloads this change reaches/);
  assert.match(run.summary, /- \*\*Deployment\/web\*\* `k8s\/web\.yaml`: risk [\d.]+ → [\d.]+, through ClusterRoleBinding\/web\\-admin \\\(k8s\/rbac\\\.yaml\\\)/);
  const [, before, after] = /Deployment\/web\*\* `k8s\/web\.yaml`: risk ([\d.]+) → ([\d.]+)/.exec(run.summary)!;
  assert.ok(Number(before) < 30 && Number(after) >= 90, `${before} -> ${after}`);
  assert.match(run.summary, /chain: Internet → Service\/web .*`k8s\/web\.yaml:\d+` → Deployment\/web `k8s\/web\.yaml:\d+` → .*ClusterRoleBinding\/web\\-admin \\\(cluster\\-wide\\\) `k8s\/rbac\.yaml:\d+`/);
  assert.ok(Number(run.outputs['risk-delta']) > 50, run.outputs['risk-delta']);
  // The unrelated file is not pulled in, and the Deployment's old findings (unchanged lines) do not count.
  assert.ok(!run.summary.includes('ConfigMap/unrelated'));
  assert.ok(!fake.comments.some((c) => c.body.includes('k8s/image-pull-policy') || c.body.includes('k8s/service-account-token')), fake.comments.map((c) => c.body.split('\n')[0]).join('; '));
  rmSync(repo.dir, { recursive: true, force: true });
});

test('a fork pull request: the review gets 403, annotations and the gate still work', async () => {
  const { repo, base, head } = pullRequest({ 'k8s/web.yaml': BASE_WEB }, { 'k8s/web.yaml': HEAD_WEB });
  const r = await runAction(repo, fake, { base, head, fork: true });
  assert.equal(r.code, 1);
  assert.equal(fake.reviews.length, 0);
  assert.match(r.stdout, /::notice title=riskgate::This pull request comes from a fork, whose token is read-only/);
  assert.match(r.stdout, /::error title=k8s\/privileged-container/);
  assert.equal(r.outputs.result, 'fail');
});

test('transient 502s and rate limits are retried', async () => {
  const { repo, base, head } = pullRequest({ 'k8s/web.yaml': BASE_WEB }, { 'k8s/web.yaml': HEAD_WEB });
  fake.faults.push({ method: 'GET', path: /\/pulls\/7\/files$/, status: 502, times: 1 });
  fake.faults.push({ method: 'POST', path: /\/pulls\/7\/reviews$/, status: 403, headers: { 'retry-after': '0' }, body: { message: 'You have exceeded a secondary rate limit' }, times: 1 });
  fake.faults.push({ method: 'GET', path: /\/pulls\/7\/comments$/, status: 429, headers: { 'retry-after': '0' }, times: 1 });
  const r = await runAction(repo, fake, { base, head });
  assert.equal(r.code, 1, r.stdout);
  assert.equal(fake.reviews.length, 1, 'the review was posted after the retries');
  assert.ok(fake.faults.every((f) => f.times === 0), 'every fault was hit');
  assert.match(r.stdout, /retrying in/);
});

test('findings outside the diff go to the review body; hostile content cannot escape annotations or Markdown', async () => {
  const evil = `apiVersion: v1
kind: Pod
metadata:
  name: "x](https://evil.example)\\n::error::pwned %0A @admins"
  namespace: shop
spec:
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  automountServiceAccountToken: false
  containers:
    - name: "a\\r\\n::warning file=x::injected"
      image: nginx
      securityContext: {privileged: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
`;
  const { repo, base, head } = pullRequest({ 'k8s/evil.yaml': evil + '\n'.repeat(20) }, { 'k8s/evil.yaml': evil + '\n'.repeat(20) + '---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shop}\ndata: {a: b}\n' });
  const r = await runAction(repo, fake, { base, head });
  assert.equal(r.code, 1);
  assert.ok(!/^::error::pwned/m.test(r.stdout), 'no injected workflow command');
  assert.ok(!/^::warning file=x::injected/m.test(r.stdout), 'no injected workflow command');
  // The Pod's findings are in the file but far from the hunk: they go in the body, not as comments.
  assert.equal(fake.comments.length, 0);
  const body = fake.reviews[0].body;
  assert.match(body, /outside the diff/);
  assert.ok(!body.includes('](https://evil.example)'), 'no link smuggled into the body');
  assert.ok(!/(^|\s)@admins/.test(body), 'no mention');
  assert.ok(!r.summary.includes('](https://evil.example)'));
  assert.deepEqual(fake.validationErrors, []);
});

test('a wrong input fails the step and names the input and its values', async () => {
  const repo = new Repo();
  repo.git('init', '-q', '-b', 'main');
  repo.write({ 'k8s/web.yaml': BASE_WEB });
  const base = repo.commit('base');
  fake.files = [];
  const r = await runAction(repo, fake, { base, head: base }, { INPUT_SCOPE: 'everything' });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /::error::riskgate: input "scope" must be one of changed, added-lines, all; got "everything"/);
});

test('the fork pattern: a workflow_run job reviews the pull request named in the report, reading files through the API', async () => {
  const { base, head } = pullRequest({ 'k8s/web.yaml': BASE_WEB }, { 'k8s/web.yaml': HEAD_WEB });
  fake.pull = { number: 7, head: { sha: head, repo: { full_name: 'mallory/shop' } }, base: { sha: base, repo: { full_name: 'acme/shop' } } };
  fake.contents.set(`k8s/web.yaml@${head}`, HEAD_WEB);
  fake.contents.set(`k8s/web.yaml@${base}`, BASE_WEB);
  // The privileged job has the default branch checked out, not the PR: an empty workspace here.
  const trusted = new Repo();
  writeFileSync(join(trusted.dir, 'riskgate-pr.json'), JSON.stringify({ version: 1, kind: 'riskgate-pull-request', pullRequest: { number: 7, headSha: head } }));
  const event = { action: 'completed', workflow_run: { head_sha: head, pull_requests: [] }, repository: { full_name: 'acme/shop' } };
  const r = await runAction(trusted, fake, { base, head }, { INPUT_MODE: 'report', 'INPUT_REPORT-FILE': join(trusted.dir, 'riskgate-pr.json') }, event);
  assert.equal(r.code, 0, r.stdout);
  assert.equal(fake.reviews.length, 1);
  const priv = fake.comments.find((c) => c.body.includes('k8s/privileged-container'))!;
  assert.match(priv.body, /```suggestion\n            privileged: false\n```/);
  assert.deepEqual(fake.validationErrors, []);
  // A report that names another commit than the workflow run is refused.
  writeFileSync(join(trusted.dir, 'riskgate-pr.json'), JSON.stringify({ pullRequest: { number: 7, headSha: base } }));
  const forged = await runAction(trusted, fake, { base, head }, { INPUT_MODE: 'report', 'INPUT_REPORT-FILE': join(trusted.dir, 'riskgate-pr.json') }, event);
  assert.equal(forged.code, 1);
  assert.match(forged.stdout, /report-file names commit [0-9a-f]{7}, but the workflow run was for [0-9a-f]{7}; not posting/);
  assert.equal(fake.reviews.length, 1);
});

test('a pull request cannot loosen its own gate: base configuration, added suppressions refused, both listed', async () => {
  // The base tolerates nothing new; the pull request adds a privileged container and a host PID,
  // switches the privileged rule off in .riskgate.yaml and suppresses the host PID finding.
  const config = 'failOn: high\nrules:\n  k8s/seccomp-profile: low\n';
  const loosened = 'failOn: high\nrules:\n  k8s/seccomp-profile: low\n  k8s/privileged-container: off\n';
  const suppressedHead = HEAD_WEB.replace('      hostPID: true\n', '      # riskgate-ignore k8s/host-pid -- the debugger needs it\n      hostPID: true\n');
  const { repo, base, head } = pullRequest({ 'k8s/web.yaml': BASE_WEB, '.riskgate.yaml': config }, { 'k8s/web.yaml': suppressedHead, '.riskgate.yaml': loosened });

  const strict = await runAction(repo, fake, { base, head }, { 'INPUT_CONFIG-SOURCE': 'base', 'INPUT_NEW-SUPPRESSIONS': 'fail' });
  assert.equal(strict.code, 1, strict.stdout);
  assert.equal(strict.outputs.result, 'fail');
  assert.match(strict.stdout, /::error title=k8s\/privileged-container/, 'the base configuration still runs the rule the pull request switched off');
  assert.match(strict.summary, /### Policy changes in this pull request/);
  assert.match(strict.summary, /⚠️ loosened: rule k8s\/privileged\\-container switched off \(`\.riskgate\.yaml:4`\)/);
  assert.match(strict.summary, /the gate used the base branch's \(config-source: base\)/);
  assert.match(strict.summary, /\*\*not honoured\*\*: `k8s\/web\.yaml:10` k8s\/host\\-pid \(high\) by riskgate\\-ignore, reason: the debugger needs it/);
  assert.match(strict.summary, /1 suppression added by this pull request not honoured \\\(new\\-suppressions: fail\\\)/);
  const review = fake.reviews[fake.reviews.length - 1];
  assert.match(review.body ?? '', /#### Policy changes in this pull request[\s\S]*switched off[\s\S]*not honoured/);

  // The same pull request judged by its own configuration, with its suppressions allowed: the
  // loosening is still listed, and the switched-off rule and the suppressed finding are gone.
  const loose = await runAction(repo, fake, { base, head }, { 'INPUT_CONFIG-SOURCE': 'head', 'INPUT_NEW-SUPPRESSIONS': 'allow' });
  assert.doesNotMatch(loose.stdout, /::error title=k8s\/privileged-container/);
  assert.doesNotMatch(loose.stdout, /::error title=k8s\/host-pid/);
  assert.match(loose.summary, /⚠️ loosened: rule k8s\/privileged\\-container switched off/);
  assert.match(loose.summary, /the gate used it \(config-source: head\)/);
  assert.match(loose.summary, /- honoured: `k8s\/web\.yaml:10` k8s\/host\\-pid/);
  assert.deepEqual(fake.validationErrors, []);
});

test('config-source and new-suppressions reject values they do not know', async () => {
  const { repo, base, head } = pullRequest({ 'k8s/web.yaml': BASE_WEB }, { 'k8s/web.yaml': HEAD_WEB });
  const r = await runAction(repo, fake, { base, head }, { 'INPUT_NEW-SUPPRESSIONS': 'sometimes' });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /input "new-suppressions" must be one of allow, require-reason, fail; got "sometimes"/);
});

test('a pull request that changes a chart\'s values: the chart is rendered at base and head, the review suggests the fix on values.yaml', async () => {
  const chart = join(ROOT, 'test/fixtures/render/charts/web');
  const read = (p: string) => readFileSync(join(chart, p), 'utf8');
  const files: Record<string, string> = {};
  for (const p of ['Chart.yaml', 'values.yaml', 'templates/_helpers.tpl', 'templates/deployment.yaml', 'charts/metrics/Chart.yaml', 'charts/metrics/values.yaml', 'charts/metrics/templates/daemonset.yaml']) files[`deploy/web/${p}`] = read(p);
  const headValues = read('values.yaml').replace('hostNetwork: false', 'hostNetwork: true').replace('    privileged: false', '    privileged: true');
  const { repo, base, head } = pullRequest(files, { 'deploy/web/values.yaml': headValues });
  const tools = (await import('./helpers/k8s-tools.js')).k8sTools()!;
  // helm on PATH, as on GitHub-hosted runners.
  const run = await runAction(repo, fake, { base, head }, { PATH: `${dirname(tools.helm)}:${process.env.PATH ?? ''}` });
  assert.equal(run.code, 1, run.stdout);
  assert.deepEqual(fake.validationErrors, []);
  const lines = headValues.split('\n');
  const hostNetwork = fake.comments.find((c) => c.body.includes('k8s/host-network'))!;
  assert.ok(hostNetwork, `host-network commented; comments: ${fake.comments.map((c) => `${c.path}:${c.line}`).join(', ')}`);
  assert.equal(hostNetwork.path, 'deploy/web/values.yaml');
  assert.equal(lines[hostNetwork.line - 1], 'hostNetwork: true');
  assert.match(hostNetwork.body, /```suggestion\nhostNetwork: false\n```/);
  const privileged = fake.comments.find((c) => c.body.includes('k8s/privileged-container'))!;
  assert.equal(privileged.path, 'deploy/web/values.yaml');
  assert.match(privileged.body, /```suggestion\n {4}privileged: false\n```/);
  // Compared with the chart as rendered at the base commit: the Deployment got worse.
  assert.match(run.summary, /\| Deployment\/release\\-name\\-web \(default\) via `deploy\/web` \| `deploy\/web\/templates\/deployment\.yaml:1` \| [\d.]+ \| [\d.]+ \| \+[\d.]+ \|/);
  // Drivers in another file than their resource name it.
  assert.match(run.summary, /k8s\/host\\-network `deploy\/web\/values\.yaml:5`: pod uses the host network/);
  assert.ok(Number(run.outputs['risk-delta']) > 0, run.outputs['risk-delta']);
  rmSync(repo.dir, { recursive: true, force: true });
});

test('a pull request that only bumps a chart value: findings of resources it re-renders count, an unchanged subchart\'s do not', async () => {
  const chart = join(ROOT, 'test/fixtures/render/charts/web');
  const read = (p: string) => readFileSync(join(chart, p), 'utf8');
  const files: Record<string, string> = {};
  for (const p of ['Chart.yaml', 'templates/_helpers.tpl', 'templates/deployment.yaml', 'charts/metrics/Chart.yaml', 'charts/metrics/templates/daemonset.yaml']) files[`deploy/web/${p}`] = read(p);
  // The subchart's DaemonSet shares the host's PID namespace (high), set in its own values file, which the PR does not touch.
  files['deploy/web/values.yaml'] = read('values.yaml').replace(/^metrics:\n {2}hostPID: false\n/m, '');
  files['deploy/web/charts/metrics/values.yaml'] = read('charts/metrics/values.yaml').replace('hostPID: false', 'hostPID: true');
  const { repo, base, head } = pullRequest(files, { 'deploy/web/values.yaml': files['deploy/web/values.yaml'].replace('replicas: 2', 'replicas: 3') });
  const tools = (await import('./helpers/k8s-tools.js')).k8sTools()!;
  const run = await runAction(repo, fake, { base, head }, { PATH: `${dirname(tools.helm)}:${process.env.PATH ?? ''}` });
  assert.deepEqual(fake.validationErrors, []);
  // The DaemonSet's rendering did not change: its high finding and its risk are not the PR's.
  assert.equal(run.code, 0, run.stdout);
  assert.doesNotMatch(run.stdout, /k8s\/host-pid/);
  assert.ok(!fake.comments.some((c) => c.body.includes('k8s/host-pid')));
  // The Deployment re-rendered (replicas 2 -> 3): its findings are in scope, on a template the PR did not edit.
  assert.match(run.stdout, /::notice title=k8s\/image-digest[^\n]*,file=deploy\/web\/templates\/deployment\.yaml,/);
  // Both are still listed with their risk.
  assert.match(run.summary, /DaemonSet\/release\\-name\\-metrics/);
  rmSync(repo.dir, { recursive: true, force: true });
});

test('an Actions matrix: each shard job writes its share (with worker threads), posts no review, and riskgate merge gives one scan\'s report', async () => {
  const files: Record<string, string> = {};
  for (const name of ['ingress', 'rbac', 'storefront', 'payments']) files[`k8s/${name}.yaml`] = readFileSync(join(ROOT, 'examples/shop/k8s', `${name}.yaml`), 'utf8');
  for (let i = 0; i < 12; i++) files[`svc/app${i}/Dockerfile`] = `FROM node:22\nRUN npm install -g app${i}\nCMD ["node", "app${i}.js"]\n`;
  files['k8s/cross.yaml'] = 'apiVersion: v1\nkind: Service\nmetadata: {name: cross, namespace: shop}\nspec:\n  selector: {app: nothing-here}\n  ports: [{port: 80}]\n';
  const { repo, base, head } = pullRequest({ 'README.md': 'x\n' }, files);
  const out = mkdtempSync(join(tmpdir(), 'riskgate-matrix-'));
  try {
    const reports = [];
    for (const i of [1, 2]) {
      fake.reviews = [];
      const r = await runAction(repo, fake, { base, head }, { INPUT_SCOPE: 'all', INPUT_SHARD: `${i}/2`, INPUT_JOBS: '2', 'INPUT_SHARD-REPORT': join(out, `shard-${i}.json`) });
      assert.ok(r.code === 0 || r.code === 1, r.stdout);
      assert.equal(r.outputs['shard-report'], join(out, `shard-${i}.json`));
      assert.equal(fake.reviews.length, 0, 'a shard posts no review; the merging job has the whole picture');
      assert.match(r.summary, new RegExp(`Shard ${i}/2`));
      reports.push(JSON.parse(readFileSync(join(out, `shard-${i}.json`), 'utf8')));
    }
    assert.ok(reports.every((s) => s.findings.length > 0), 'both shards checked something');
    const cli = (args: string[]) => execFileSync(process.execPath, [join(ROOT, 'bin/riskgate.js'), ...args], { cwd: repo.dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
    const run = (args: string[]) => {
      try {
        return cli(args);
      } catch (e) {
        return (e as { stdout: string }).stdout;
      }
    };
    const merged = JSON.parse(run(['merge', join(out, 'shard-1.json'), join(out, 'shard-2.json'), '--format', 'json']));
    const whole = JSON.parse(run(['scan', '.', '--format', 'json', '--jobs', '1']));
    assert.deepEqual(merged.findings.map((f: { fingerprint: string }) => f.fingerprint), whole.findings.map((f: { fingerprint: string }) => f.fingerprint));
    assert.deepEqual(merged.resources.map((r: { name: string; risk: number }) => [r.name, r.risk]), whole.resources.map((r: { name: string; risk: number }) => [r.name, r.risk]));
    assert.ok(whole.findings.some((f: { ruleId: string; message: string }) => f.ruleId === 'k8s/dangling-service' && /cross/.test(f.message)));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('jobs and shard inputs are validated', async () => {
  const { repo, base } = pullRequest({ 'README.md': 'x\n' }, { 'README.md': 'y\n' });
  const jobs = await runAction(repo, fake, { base, head: base }, { INPUT_JOBS: 'lots' });
  assert.equal(jobs.code, 1);
  assert.match(jobs.stdout, /input "jobs" must be a whole number from 1 to 256, or auto; got "lots"/);
  const shard = await runAction(repo, fake, { base, head: base }, { INPUT_SHARD: '3/2' });
  assert.equal(shard.code, 1);
  assert.match(shard.stdout, /input "shard" must be i\/n/);
});
