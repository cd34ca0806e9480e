// Fixes, verified rather than hoped: on every fixture, fixing removes the fixed findings,
// introduces none, keeps the file parseable, changes only the fixed settings, and is idempotent.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fixSources, type FixInput } from '../src/core/fix/fix-files.js';
import { scanFiles } from '../src/core/engine.js';
import { defaultConfig } from '../src/core/config.js';
import { verifyFix } from '../src/core/fix/verify.js';
import { suggestionFor } from '../src/core/fix/apply.js';
import { FIXTURES, readFixture } from './helpers/fixtures.js';

function fixtureFiles(): FixInput[] {
  const out: FixInput[] = [];
  for (const type of ['k8s', 'docker']) {
    for (const rule of readdirSync(join(FIXTURES, type))) {
      for (const f of readdirSync(join(FIXTURES, type, rule)).filter((x) => x.startsWith('positive'))) {
        out.push({ path: `${type}/${rule}/${f}`, text: readFixture(type, rule, f), kind: type === 'docker' ? 'dockerfile' : 'manifest' });
      }
    }
  }
  return out;
}

const files = fixtureFiles();
const config = defaultConfig();
let applied = 0;

for (const file of files) {
  test(`fix is verified on ${file.path}`, () => {
    const v = verifyFix(file, config, '2026-01-01');
    applied += v.outcome.applied.length;
    assert.deepEqual(v.problems, []);
    assert.equal(scanFiles([{ ...file, text: v.fixed }], config, '2026-01-01').files[0].status, 'scanned');
  });
}

test('fixes were applied across the fixtures', () => {
  assert.ok(applied > 50, `applied ${applied}`);
});

const edited = (text: string, path = 'x.yaml') => fixSources([{ path, text, kind: path.endsWith('Dockerfile') ? 'dockerfile' : 'manifest' }], config, { rules: ['k8s/privilege-escalation', 'k8s/host-network', 'k8s/capabilities-not-dropped'], unsafe: true }).changed.get(path);

test('edits keep the file\'s style: 4-space indent, flush sequences, comments, CRLF, other documents', () => {
  const text = [
    '# header comment',
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '    name: p  # trailing comment',
    'spec:',
    '    hostNetwork: true',
    '    containers:',
    '    - name: app',
    '      image: "nginx:1.27"',
    '---',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: untouched}',
    '',
  ].join('\r\n');
  const out = edited(text)!;
  assert.equal(out, [
    '# header comment',
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '    name: p  # trailing comment',
    'spec:',
    '    containers:',
    '    - name: app',
    '      image: "nginx:1.27"',
    '      securityContext:',
    '          capabilities:',
    '              drop: [ALL]',
    '          allowPrivilegeEscalation: false',
    '---',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: untouched}',
    '',
  ].join('\r\n'));
});

test('flow maps stay flow, JSON stays JSON', () => {
  assert.equal(
    edited('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: "x:1", securityContext: {runAsNonRoot: true}}]\n'),
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: "x:1", securityContext: {runAsNonRoot: true, capabilities: {drop: [ALL]}, allowPrivilegeEscalation: false}}]\n',
  );
  const json = '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "p"},\n  "spec": {\n    "hostNetwork": true,\n    "containers": [\n      {\n        "name": "a",\n        "image": "x:1"\n      }\n    ]\n  }\n}\n';
  const out = edited(json, 'pod.json')!;
  const parsed = JSON.parse(out);
  assert.equal(parsed.spec.hostNetwork, undefined);
  assert.deepEqual(parsed.spec.containers[0].securityContext, { capabilities: { drop: ['ALL'] }, allowPrivilegeEscalation: false });
  assert.match(out, /\n        "securityContext": \{"capabilities": \{"drop": \["ALL"\]\}/);
});

test('a suggestion covers exactly the lines an edit touches', () => {
  const text = 'a: 1\nspec:\n  hostPID: true\n  x: 2\n';
  const s1 = suggestionFor(text, { description: '', edits: [{ start: text.indexOf('true'), end: text.indexOf('true') + 4, text: 'false' }] });
  assert.deepEqual(s1, { startLine: 3, endLine: 3, text: '  hostPID: false' });
  const lineStart = text.indexOf('  hostPID');
  const s2 = suggestionFor(text, { description: '', edits: [{ start: lineStart, end: text.indexOf('  x:'), text: '' }] });
  assert.deepEqual(s2, { startLine: 3, endLine: 3, text: '' });
  const end = text.indexOf('\n  x:');
  const s3 = suggestionFor(text, { description: '', edits: [{ start: end, end, text: '\n  y: 3' }] });
  assert.deepEqual(s3, { startLine: 3, endLine: 3, text: '  hostPID: true\n  y: 3' });
});

test('a rule offers fixes exactly when its metadata says so', async () => {
  const { ALL_RULES } = await import('../src/rules/index.js');
  const { onlyRule } = await import('./helpers/fixtures.js');
  const offered = new Map<string, boolean>();
  for (const file of files) {
    const rule = file.path.split('/')[1];
    const id = `${file.path.startsWith('docker') ? 'docker' : 'k8s'}/${rule}`;
    const r = scanFiles([file], onlyRule(id), '2026-01-01');
    if (r.findings.some((f) => f.ruleId === id && f.fix)) offered.set(id, true);
  }
  const wrong = ALL_RULES.filter((r) => r.meta.id !== 'riskgate/suppression-without-reason' && Boolean(r.meta.fix?.available) !== Boolean(offered.get(r.meta.id))).map((r) => r.meta.id);
  assert.deepEqual(wrong, [], 'metadata fix.available matches the fixes rules produce on their fixtures');
});

test('every rule with a fix says whether it can change behaviour, and findings carry it', async () => {
  const { ALL_RULES } = await import('../src/rules/index.js');
  const undecided = ALL_RULES.filter((r) => r.meta.fix?.available && typeof r.meta.fix.unsafe !== 'boolean').map((r) => r.meta.id);
  assert.deepEqual(undecided, []);
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n      securityContext: {privileged: true}\n';
  const f = scanFiles([{ path: 'p.yaml', text: pod }], config, '2026-01-01').findings.find((x) => x.ruleId === 'k8s/privileged-container')!;
  assert.equal(f.fix?.unsafe, true);
});

test('riskgate fix applies only safe fixes unless --unsafe-fixes is given', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: true\n  containers:\n    - name: a\n      image: nginx:1.27\n';
  const dockerfile = 'FROM debian:12\nMAINTAINER someone@example.com\nRUN wget https://example.com/x.tgz\nADD app.py /srv/app.py\nUSER 1000\n';
  const files: FixInput[] = [{ path: 'p.yaml', text: pod, kind: 'manifest' }, { path: 'Dockerfile', text: dockerfile, kind: 'dockerfile' }];
  const safe = fixSources(files, config, { today: '2026-01-01' });
  assert.equal(safe.changed.has('p.yaml'), false, 'removing hostPID changes what the pod can do: not applied by default');
  assert.deepEqual(safe.applied.map((a) => a.ruleId).sort(), ['docker/add-instead-of-copy', 'docker/maintainer', 'docker/wget-progress']);
  const all = fixSources(files, config, { today: '2026-01-01', unsafe: true });
  assert.ok(all.applied.some((a) => a.ruleId === 'k8s/host-pid'));
  assert.doesNotMatch(all.changed.get('p.yaml')!, /hostPID/);
});
