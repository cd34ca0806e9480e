// The engine as a whole: discovery, per-file problems, locations, inheritance, cross-object checks.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { scan, scanFiles } from '../src/core/engine.js';
import { defaultConfig } from '../src/core/config.js';
import { tempTree } from './helpers/tmp.js';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: shop
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
`;

test('discovers manifests and Dockerfiles, skips .git and node_modules, explains every skip', () => {
  const t = tempTree({
    'k8s/pod.yaml': POD,
    'k8s/list.json': JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [JSON.parse(JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'shop' }, spec: { type: 'NodePort' } }))] }, null, 2),
    '.github/workflows/ci.yml': 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n',
    'docker-compose.yml': 'services:\n  web:\n    image: nginx\n',
    'chart/templates/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n',
    'chart/values.yaml': 'replicaCount: 1\n',
    'crd.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n',
    'node_modules/x/pod.yaml': POD,
    '.git/pod.yaml': POD,
    'README.md': '# hi',
  });
  try {
    const r = scan({ paths: ['.'], cwd: t.dir });
    const status = Object.fromEntries(r.files.map((f) => [f.path, `${f.status}: ${f.reason ?? ''}`]));
    assert.match(status['k8s/pod.yaml'], /^scanned/);
    assert.match(status['k8s/list.json'], /^scanned/);
    assert.match(status['.github/workflows/ci.yml'], /skipped: not a Kubernetes manifest \(GitHub Actions workflow\)/);
    assert.match(status['docker-compose.yml'], /Docker Compose/);
    assert.match(status['chart/templates/deploy.yaml'], /template, not scanned/);
    assert.match(status['chart/values.yaml'], /Helm values/);
    assert.ok(!Object.keys(status).some((p) => p.includes('node_modules') || p.startsWith('.git/')));
    assert.ok(!('README.md' in status));
    assert.ok(r.findings.some((f) => f.ruleId === 'k8s/service-exposure' && f.path === 'k8s/list.json'), 'List items are checked');
    const widget = r.resources.find((x) => x.kind === 'Widget');
    assert.equal(widget?.checked, false, 'unknown kinds are listed as not checked');
  } finally {
    t.cleanup();
  }
});

test('a finding points at the exact key and value', () => {
  const r = scanFiles([{ path: 'pod.yaml', text: POD }]);
  const f = r.findings.find((x) => x.ruleId === 'k8s/privileged-container')!;
  assert.deepEqual([f.line, f.column, f.endLine, f.endColumn], [11, 9, 11, 25]);
  assert.deepEqual(f.resource, { kind: 'Pod', name: 'p', namespace: 'shop' });
  assert.equal(f.container, 'app');
});

test('a missing field points at the container entry, never at line 1', () => {
  const r = scanFiles([{ path: 'pod.yaml', text: POD }]);
  const f = r.findings.find((x) => x.ruleId === 'k8s/run-as-non-root')!;
  assert.equal(f.line, 8);
  assert.equal(f.column, 7);
  assert.ok(r.findings.every((x) => x.line > 1), 'no finding defaults to line 1');
});

test('pod-level runAsNonRoot covers containers; a container-level false overrides it', () => {
  const text = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  securityContext:
    runAsNonRoot: true
  containers:
    - name: inherits
      image: nginx:1.27
    - name: overrides
      image: nginx:1.27
      securityContext:
        runAsNonRoot: false
`;
  const r = scanFiles([{ path: 'pod.yaml', text }]);
  const hits = r.findings.filter((f) => f.ruleId === 'k8s/run-as-non-root');
  assert.deepEqual(hits.map((f) => f.container), ['overrides']);
  assert.equal(hits[0].line, 13);
});

test('bad files get one clear message each and the scan goes on', () => {
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  const t = tempTree({
    'good.yaml': POD,
    'invalid.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: [oops\n',
    'mixed.yaml': `${POD}---\nkind: [broken\n`,
    'bomb.yaml': bomb.join('\n') + '\n',
    'deep.yaml': 'a: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n',
    'empty.yaml': '',
    'binary.yaml': Buffer.from([0x61, 0x3a, 0x00, 0x01, 0x02]),
    'latin1.yaml': Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xe9, 0x0a]),
    'huge.yaml': 'a: ' + 'x'.repeat(3 * 1024 * 1024) + '\n',
    'odd name ü -dash.yaml': POD,
    '-leading-dash.yaml': POD,
  });
  try {
    const r = scan({ paths: ['.'], cwd: t.dir });
    const byPath = Object.fromEntries(r.files.map((f) => [f.path, f]));
    assert.equal(byPath['good.yaml'].status, 'scanned');
    assert.equal(byPath['invalid.yaml'].status, 'error');
    assert.match(byPath['invalid.yaml'].reason!, /invalid YAML at line \d+, column \d+/);
    assert.equal(byPath['mixed.yaml'].status, 'error');
    assert.match(byPath['mixed.yaml'].reason!, /document 2.*other documents were scanned/);
    assert.ok(r.findings.some((f) => f.path === 'mixed.yaml' && f.ruleId === 'k8s/privileged-container'), 'good document of a mixed file is scanned');
    assert.match(byPath['bomb.yaml'].reason!, /billion laughs/);
    assert.match(byPath['deep.yaml'].reason!, /depth|nesting/);
    assert.match(byPath['empty.yaml'].reason!, /empty file/);
    assert.match(byPath['binary.yaml'].reason!, /binary/);
    assert.match(byPath['latin1.yaml'].reason!, /UTF-8/);
    assert.match(byPath['huge.yaml'].reason!, /over the 2 MiB limit/);
    assert.equal(byPath['odd name ü -dash.yaml'].status, 'scanned');
    assert.equal(byPath['-leading-dash.yaml'].status, 'scanned');
  } finally {
    t.cleanup();
  }
});

test('never follows a symlink out of the scanned root', () => {
  const outside = tempTree({ 'secret.yaml': POD });
  const t = tempTree({ 'inside.yaml': POD });
  try {
    symlinkSync(join(outside.dir, 'secret.yaml'), join(t.dir, 'link.yaml'));
    symlinkSync(outside.dir, join(t.dir, 'linkdir'));
    symlinkSync(join(t.dir, 'inside.yaml'), join(t.dir, 'alias.yaml'));
    const r = scan({ paths: ['.'], cwd: t.dir });
    const status = Object.fromEntries(r.files.map((f) => [f.path, f]));
    assert.equal(status['link.yaml'].status, 'skipped');
    assert.match(status['link.yaml'].reason!, /outside the scanned root/);
    assert.match(status['linkdir'].reason!, /outside the scanned root/);
    assert.ok(!r.findings.some((f) => f.path.includes('secret')));
    assert.equal(r.findings.filter((f) => f.ruleId === 'k8s/privileged-container').length, 1, 'a symlink to a file inside is scanned once');
  } finally {
    t.cleanup();
    outside.cleanup();
  }
});

test('include and exclude globs from the config', () => {
  const t = tempTree({ 'a/pod.yaml': POD, 'b/pod.yaml': POD, 'b/skip/pod.yaml': POD });
  try {
    const config = { ...defaultConfig(), exclude: ['b/skip/**'] };
    const paths = scan({ paths: ['.'], cwd: t.dir, config }).files.map((f) => f.path);
    assert.deepEqual(paths, ['a/pod.yaml', 'b/pod.yaml']);
    const only = scan({ paths: ['.'], cwd: t.dir, config: { ...defaultConfig(), include: ['a/**'] } }).files.map((f) => f.path);
    assert.deepEqual(only, ['a/pod.yaml']);
  } finally {
    t.cleanup();
  }
});

test('cross-object checks resolve over all scanned files', () => {
  const t = tempTree({
    'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: a, image: "nginx:1.27"}]\n',
    'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {app: wbe}\n  ports: [{port: 80}]\n',
    'role.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: god}\nrules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]\n',
    'binding.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: b}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: god}\nsubjects: [{kind: User, name: alice}]\n',
  });
  try {
    const r = scan({ paths: ['.'], cwd: t.dir });
    assert.ok(r.findings.some((f) => f.ruleId === 'k8s/dangling-service' && f.path === 'svc.yaml'));
    assert.ok(r.findings.some((f) => f.ruleId === 'k8s/cluster-admin-binding' && f.path === 'binding.yaml'));
  } finally {
    t.cleanup();
  }
});

test('custom resources that embed a pod template are checked like workloads', () => {
  const text = 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r, namespace: shop}\nspec:\n  template:\n    spec:\n      hostPID: true\n      containers: [{name: a, image: "nginx:1.27"}]\n';
  const r = scanFiles([{ path: 'rollout.yaml', text }]);
  assert.ok(r.findings.some((f) => f.ruleId === 'k8s/host-pid'));
  assert.equal(r.resources[0].checked, true);
});

test('fingerprints survive unrelated edits above the finding', () => {
  const before = scanFiles([{ path: 'pod.yaml', text: POD }]);
  const after = scanFiles([{ path: 'pod.yaml', text: `# a new comment\n# and another\n${POD.replace('name: p\n', 'name: p\n  labels: {team: a}\n')}` }]);
  const fp = (r: typeof before) => r.findings.find((f) => f.ruleId === 'k8s/privileged-container')!;
  assert.notEqual(fp(before).line, fp(after).line);
  assert.equal(fp(before).fingerprint, fp(after).fingerprint);
});
