import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFiles } from '../src/core/engine.js';
import { normalizeRef } from '../src/core/suppress.js';

const pod = (annotations: string, extra = '', containerComment = '') => `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: shop
${annotations ? `  annotations:\n${annotations}\n` : ''}spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
${containerComment}        privileged: true${extra}
`;

const privileged = (text: string, today = '2026-06-01') => scanFiles([{ path: 'p.yaml', text }], undefined, today).findings.filter((f) => f.ruleId === 'k8s/privileged-container');
const meta = (text: string) => scanFiles([{ path: 'p.yaml', text }], undefined, '2026-06-01').findings.filter((f) => f.ruleId === 'riskgate/suppression-without-reason');

test('riskgate-ignore on the line or directly above it', () => {
  const trailing = privileged(pod('', '  # riskgate-ignore k8s/privileged-container -- needs /dev/fuse'));
  assert.deepEqual(trailing[0].suppressed, { by: 'riskgate-ignore', reason: 'needs /dev/fuse', line: trailing[0].line }, 'a trailing directive is on the finding\'s own line');
  const above = privileged(pod('', '', '        # riskgate-ignore k8s/privileged-container,k8s/host-pid -- device plugin\n'));
  assert.equal(above[0].suppressed?.reason, 'device plugin');
  const otherRule = privileged(pod('', '  # riskgate-ignore k8s/host-pid -- not this one'));
  assert.equal(otherRule[0].suppressed, null);
});

test('a suppression without a reason is itself reported, and still suppresses', () => {
  const text = pod('', '  # riskgate-ignore k8s/privileged-container');
  assert.notEqual(privileged(text)[0].suppressed, null);
  const m = meta(text);
  assert.equal(m.length, 1);
  assert.match(m[0].message, /no reason/);
  assert.equal(m[0].line, 11);
});

test('expired suppressions stop applying and say so', () => {
  const text = pod('', '  # riskgate-ignore k8s/privileged-container until=2026-03-01 -- temporary');
  assert.notEqual(privileged(text, '2026-02-28')[0].suppressed, null);
  const after = privileged(text, '2026-03-02')[0];
  assert.equal(after.suppressed, null);
  assert.match(after.notes![0], /expired on 2026-03-01/);
  assert.match(meta(pod('', '  # riskgate-ignore k8s/privileged-container until=someday -- x'))[0].message, /not a date/);
});

test('riskgate.dev/ignore annotation covers the object', () => {
  const f = privileged(pod('    riskgate.dev/ignore: "k8s/privileged-container -- GPU driver installer"'))[0];
  assert.deepEqual(f.suppressed, { by: 'annotation:riskgate.dev/ignore', reason: 'GPU driver installer', line: 7 }, 'the annotation\'s line');
});

test('peer annotations map through references', () => {
  const cases: [string, string][] = [
    ['    ignore-check.kube-linter.io/privileged-container: "needs devices"', 'annotation:ignore-check.kube-linter.io/privileged-container'],
    ['    checkov.io/skip1: CKV_K8S_16=needs devices', 'annotation:checkov.io/skip1'],
    ['    kubescape.io/skip-controls: "C-0017, C-0057"\n    kubescape.io/skip-reason: needs devices', 'annotation:kubescape.io/skip-controls'],
    ['    polaris.fairwinds.com/runAsPrivileged-exempt: "true"', 'annotation:polaris.fairwinds.com/runAsPrivileged-exempt'],
    ['    kube-score/ignore: container-security-context-privileged', 'annotation:kube-score/ignore'],
    ['    kube-linter.io/ignore-all: "legacy"', 'annotation:kube-linter.io/ignore-all'],
  ];
  for (const [ann, by] of cases) assert.equal(privileged(pod(ann))[0].suppressed?.by, by, ann);
  assert.equal(privileged(pod('    checkov.io/skip1: CKV_K8S_20=other check'))[0].suppressed, null);
  const expired = privileged(pod('    kubescape.io/skip-controls: C-0057\n    kubescape.io/skip-expiry: "2026-01-01T00:00:00Z"'))[0];
  assert.equal(expired.suppressed, null);
});

test('a comment in one file does not suppress another file', () => {
  const r = scanFiles([
    { path: 'a.yaml', text: pod('', '  # riskgate-ignore k8s/privileged-container -- reviewed') },
    { path: 'b.yaml', text: pod('') },
  ]);
  const hits = r.findings.filter((f) => f.ruleId === 'k8s/privileged-container');
  assert.deepEqual(hits.map((f) => [f.path, f.suppressed !== null]), [['a.yaml', true], ['b.yaml', false]]);
});

test('peer references normalize (Trivy dash and zero padding, case)', () => {
  assert.equal(normalizeRef('trivy:KSV-0017'), normalizeRef('trivy:ksv017'));
  assert.equal(normalizeRef('trivy:AVD-KSV-0017'), normalizeRef('trivy:KSV17'));
  assert.equal(normalizeRef('checkov:CKV_K8S_16'), 'checkov:ckv_k8s_16');
});
