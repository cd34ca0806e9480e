// A user's files are sacred: fixes compose without breaking YAML, every write is verified and
// backed out fix by fix when it does not hold, and files are replaced atomically with their
// mode, BOM, line endings and final newline kept.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { scanFiles } from '../src/core/engine.js';
import { defaultConfig } from '../src/core/config.js';
import { applyVerified, fixSources, type FixInput } from '../src/core/fix/fix-files.js';
import { applyEdits, conflicts } from '../src/core/fix/apply.js';
import { parseYaml } from '../src/core/yaml/parse.js';
import { parseDockerfile } from '../src/core/docker/model.js';
import { fromText } from '../src/core/source-file.js';
import { keepLayout, writeFileAtomically, WriteRefused } from '../src/core/fix/write-file.js';
import type { Finding, Fix } from '../src/core/types.js';
import { FIXTURES, readFixture } from './helpers/fixtures.js';
import { tempTree } from './helpers/tmp.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/riskgate.js');
const config = defaultConfig();
const TODAY = '2026-01-01';

const HOST_IPC_ONLY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: x
spec:
  selector:
    matchLabels: {app: x}
  template:
    metadata:
      labels: {app: x}
    spec:
      hostIPC: true
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
data:
  a: b
`;

const parses = (text: string) => parseYaml(text).errors.length === 0;

test('removing a map\'s only key and inserting into it compose into valid YAML (the reported corruption)', () => {
  const out = fixSources([{ path: 'd.yaml', text: HOST_IPC_ONLY, kind: 'manifest' }], config, { today: TODAY, unsafe: true });
  const fixed = out.changed.get('d.yaml')!;
  assert.ok(parses(fixed), fixed);
  assert.deepEqual(out.applied.map((a) => a.ruleId).sort(), ['k8s/host-ipc', 'k8s/service-account-token']);
  assert.match(fixed, /automountServiceAccountToken: false/);
  assert.doesNotMatch(fixed, /hostIPC/);
  assert.ok(fixed.endsWith('---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n'), 'the second document is untouched');
  assert.deepEqual(out.backedOut, []);
});

test('an insertion at the end of a replaced range conflicts with it', () => {
  assert.equal(conflicts({ start: 10, end: 10, text: 'x' }, { start: 5, end: 10, text: '' }), true);
  assert.equal(conflicts({ start: 5, end: 5, text: 'x' }, { start: 5, end: 10, text: '' }), true);
  assert.equal(conflicts({ start: 11, end: 11, text: 'x' }, { start: 5, end: 10, text: '' }), false);
  assert.equal(conflicts({ start: 0, end: 4, text: '' }, { start: 4, end: 8, text: '' }), false);
});

function fixableFindings(file: FixInput): (Finding & { fix: Fix })[] {
  return scanFiles([file], config, TODAY).findings.filter((f): f is Finding & { fix: Fix } => f.fix !== null && !f.suppressed);
}

test('a fix that would break the file is backed out and reported; the good ones stay', () => {
  const file: FixInput = { path: 'd.yaml', text: HOST_IPC_ONLY, kind: 'manifest' };
  const [good] = fixableFindings(file);
  // A fix as a buggy rule might write it: valid on its own terms, invalid YAML in the file.
  const bad = { ...good, ruleId: 'k8s/broken', fingerprint: 'f00', fix: { description: 'bad', edits: [{ start: 0, end: 0, text: 'key: [unclosed\n' }] } };
  const r = applyVerified(file, [bad, good], config, TODAY);
  assert.equal(r.rejected.length, 1);
  assert.equal(r.rejected[0].finding.ruleId, 'k8s/broken');
  assert.match(r.rejected[0].reason, /no longer parse/);
  assert.deepEqual(r.kept.map((f) => f.ruleId), [good.ruleId]);
  assert.ok(parses(r.text));
});

/** Every positive fixture, manifests and Dockerfiles. */
function fixtureFiles(): FixInput[] {
  const out: FixInput[] = [];
  for (const type of ['k8s', 'docker']) {
    for (const rule of readdirSync(join(FIXTURES, type))) {
      for (const f of readdirSync(join(FIXTURES, type, rule)).filter((x) => x.startsWith('positive') || x.startsWith('negative')))
        out.push({ path: `${type}/${rule}/${f}`, text: readFixture(type, rule, f), kind: type === 'docker' ? 'dockerfile' : 'manifest' });
    }
  }
  return out;
}

function structure(file: FixInput, text: string): string {
  if (file.kind === 'manifest') {
    const p = parseYaml(text);
    return `${p.documents.length}/${p.errors.length}`;
  }
  const m = parseDockerfile(fromText(file.path, text));
  return `${m.stages.length}/${m.instructions.filter((i) => i.shell?.error).length}`;
}

test('every pair of fixes on every fixture leaves a file that parses', () => {
  let pairs = 0;
  let raw = 0;
  for (const file of [...fixtureFiles(), { path: 'host-ipc-only.yaml', text: HOST_IPC_ONLY, kind: 'manifest' as const }]) {
    const fixes = fixableFindings(file);
    const before = structure(file, file.text);
    const done = new Set<string>();
    for (let i = 0; i < fixes.length; i++) {
      for (let j = i + 1; j < fixes.length; j++) {
        const a = fixes[i].fix;
        const b = fixes[j].fix;
        // Applied together whenever their edits do not conflict (as one pass of riskgate fix does).
        if (!a.edits.some((e) => b.edits.some((g) => conflicts(e, g)))) {
          const text = applyEdits(file.text, [...a.edits, ...b.edits]);
          assert.equal(structure(file, text), before, `${file.path}: ${fixes[i].ruleId} + ${fixes[j].ruleId} composed into:\n${text}`);
          raw++;
        }
        // And through the verified path, with every later pass (once per pair of rules).
        const key = [fixes[i].ruleId, fixes[j].ruleId].sort().join('+');
        if (done.has(key)) continue;
        done.add(key);
        const out = fixSources([file], config, { rules: [fixes[i].ruleId, fixes[j].ruleId], today: TODAY, unsafe: true });
        const text = out.changed.get(file.path) ?? file.text;
        assert.equal(structure(file, text), before, `${file.path}: fixing ${fixes[i].ruleId} and ${fixes[j].ruleId}`);
        pairs++;
      }
    }
  }
  assert.ok(pairs > 100, `pairs checked: ${pairs}`);
  console.log(`fix pairs: ${raw} composed raw, ${pairs} through riskgate fix`);
  assert.ok(raw > 300, `raw compositions checked: ${raw}`);
});

test('keepLayout keeps CRLF, the final newline and its absence', () => {
  assert.equal(keepLayout('a\r\nb\r\n', 'a\r\nx\nb\r\n'), 'a\r\nx\r\nb\r\n');
  assert.equal(keepLayout('a\nb', 'a\nb\n'), 'a\nb');
  assert.equal(keepLayout('a\nb\n', 'a\nc'), 'a\nc\n');
  assert.equal(keepLayout('a\nb\n', 'a\r\nc\n'), 'a\nc\n');
});

test('atomic write keeps mode, BOM and CRLF, leaves no temporary file, and refuses a file changed meanwhile', () => {
  const t = tempTree({ 'p.yaml': '\ufeffa: 1\r\nb: 2\r\n' });
  try {
    const path = join(t.dir, 'p.yaml');
    chmodSync(path, 0o640);
    writeFileAtomically(path, 'a: 1\r\nb: 2\r\n', 'a: 1\r\nb: 3\r\n', [t.dir]);
    assert.equal(readFileSync(path, 'utf8'), '\ufeffa: 1\r\nb: 3\r\n');
    assert.equal(statSync(path).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(t.dir), ['p.yaml']);
    assert.throws(() => writeFileAtomically(path, 'a: 1\r\nb: 2\r\n', 'a: 9\r\n', [t.dir]), WriteRefused);
    assert.equal(readFileSync(path, 'utf8'), '\ufeffa: 1\r\nb: 3\r\n');
  } finally {
    t.cleanup();
  }
});

test('riskgate fix never writes through a symlink out of the scanned directory', () => {
  const outside = tempTree({ 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: true\n  containers:\n    - name: a\n      image: nginx:1.27\n' });
  const repo = tempTree({ 'README.md': 'x\n' });
  try {
    symlinkSync(join(outside.dir, 'pod.yaml'), join(repo.dir, 'link.yaml'));
    const before = readFileSync(join(outside.dir, 'pod.yaml'), 'utf8');
    const r = spawnSync(process.execPath, [BIN, 'fix', '--unsafe-fixes', 'link.yaml'], { cwd: repo.dir, encoding: 'utf8' });
    assert.match(r.stderr, /link\.yaml: not written: it is a symlink to .*outside the scanned directories/);
    assert.equal(readFileSync(join(outside.dir, 'pod.yaml'), 'utf8'), before);
    assert.equal(r.status, 1);
  } finally {
    outside.cleanup();
    repo.cleanup();
  }
});

test('riskgate fix takes its paths from --files-from - and keeps CRLF and a BOM on disk', () => {
  const pod = '\ufeffapiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\nspec:\r\n  hostPID: true\r\n  containers:\r\n    - name: a\r\n      image: nginx:1.27\r\n';
  const t = tempTree({ 'a.yaml': pod, 'b.yaml': pod.replace('name: p', 'name: q') });
  try {
    const r = spawnSync(process.execPath, [BIN, 'fix', '--unsafe-fixes', '--files-from', '-'], { cwd: t.dir, encoding: 'utf8', input: 'a.yaml\0' });
    assert.match(r.stderr, /applied \d+ fixes in 1 file/);
    const a = readFileSync(join(t.dir, 'a.yaml'), 'utf8');
    assert.ok(a.startsWith('\ufeff'));
    assert.doesNotMatch(a, /hostPID/);
    assert.doesNotMatch(a.replace(/\r\n/g, ''), /\n/, 'every line ends in CRLF');
    assert.equal(readFileSync(join(t.dir, 'b.yaml'), 'utf8'), pod.replace('name: p', 'name: q'), 'b.yaml was not listed');
    writeFileSync(join(t.dir, 'c.yaml'), 'x');
  } finally {
    t.cleanup();
  }
});
