// Legal YAML cannot hide a setting: merge keys, aliases, explicit tags and duplicate keys are read
// as kubectl apply reads them, findings point at the line that wrote the value and name the line
// that brought it in, and no fix edits text that other values share.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanFiles } from '../src/core/engine.js';
import { defaultConfig } from '../src/core/config.js';
import { fixSources } from '../src/core/fix/fix-files.js';
import { parseYaml } from '../src/core/yaml/parse.js';
import { toPlain } from '../src/core/yaml/ast.js';
import { FIXTURES } from './helpers/fixtures.js';

const DIR = join(FIXTURES, 'yaml-tricks');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
const scanOf = (name: string) => scanFiles([{ path: name, text: readFileSync(join(DIR, name), 'utf8') }], defaultConfig(), '2026-01-01');

/** `# expect: rule-a rule-b` on a line: one finding of each listed rule starts on that line. */
function expected(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const m = /#\s*expect:\s*(.+)$/.exec(line);
    if (m) for (const id of m[1].trim().split(/\s+/)) out.push(`${i + 1} ${id}`);
  });
  return out.sort();
}

for (const name of FILES) {
  test(`yaml trick ${name}: findings at the lines that wrote the values`, () => {
    const want = expected(readFileSync(join(DIR, name), 'utf8'));
    assert.ok(want.length > 0, 'the fixture marks its findings');
    const rules = new Set(want.map((w) => w.split(' ')[1]));
    const got = scanOf(name).findings.filter((f) => rules.has(f.ruleId)).map((f) => `${f.line} ${f.ruleId}`).sort();
    assert.deepEqual(got, want);
  });
}

test('a merged value names the merge key that brought it in; an aliased one the alias', () => {
  const inline = scanOf('merge-inline.yaml').findings.find((f) => f.ruleId === 'k8s/privileged-container')!;
  assert.match(inline.message, /set through the `<<` merge key at line 9/);
  const seq = scanOf('merge-sequence.yaml').findings.find((f) => f.ruleId === 'k8s/privileged-container')!;
  assert.match(seq.message, /container "app" is privileged \(set through the `<<` merge key at line 22\)/);
  const alias = scanOf('alias-container.yaml').findings.filter((f) => f.ruleId === 'k8s/privileged-container');
  assert.deepEqual(alias.map((f) => f.container).sort(), ['app', 'sidecar']);
  assert.match(alias.find((f) => f.container === 'sidecar')!.message, /set through the alias at line 13/);
  assert.doesNotMatch(alias.find((f) => f.container === 'app')!.message, /set through/, 'the anchor\'s own use is written in place');
});

test('no automatic fix edits text that an anchor, a merge or a duplicate key shares, and the finding says why', () => {
  for (const [name, rule] of [['alias-container.yaml', 'k8s/privileged-container'], ['duplicate-keys.yaml', 'k8s/host-pid'], ['merge-anchor.yaml', 'k8s/host-pid']] as const) {
    const findings = scanOf(name).findings.filter((f) => f.ruleId === rule);
    assert.ok(findings.length > 0);
    for (const f of findings) {
      assert.equal(f.fix, null, `${name}: ${rule} has no fix`);
      assert.match(f.notes?.join(' ') ?? '', /no automatic fix: the text to change .* is read through a YAML anchor, merge key or duplicate key/);
    }
  }
  // riskgate fix leaves those values alone, and what it does change still parses into the same documents.
  for (const name of FILES) {
    const text = readFileSync(join(DIR, name), 'utf8');
    const out = fixSources([{ path: name, text, kind: 'manifest' }], defaultConfig(), { today: '2026-01-01', unsafe: true });
    const fixed = out.changed.get(name) ?? text;
    assert.equal(parseYaml(fixed).errors.length, 0, name);
    // A fix may be backed out because the shared value it depends on stays (an escalation fix on a
    // container that a merge makes privileged); never because it would break the file.
    assert.deepEqual(out.backedOut.filter((b) => /parse|documents/.test(b.reason)), [], name);
  }
  const dup = fixSources([{ path: 'd.yaml', text: readFileSync(join(DIR, 'duplicate-keys.yaml'), 'utf8'), kind: 'manifest' }], defaultConfig(), { rules: ['k8s/host-pid'], today: '2026-01-01', unsafe: true });
  assert.equal(dup.changed.size, 0, 'removing either hostPID line would flip the value: not a fix');
});

test('the duplicate-key finding spans both entries', () => {
  const dup = scanOf('duplicate-keys.yaml').findings.find((f) => f.ruleId === 'k8s/duplicate-key')!;
  assert.deepEqual([dup.line, dup.endLine, dup.severity], [6, 7, 'high']);
  assert.match(dup.message, /"hostPID" is set twice \(line 6: `hostPID: false`, line 7: `hostPID: true`\); kubectl apply takes the last, kustomize refuses the file/);
  const order = scanOf('merge-order.yaml').findings.find((f) => f.ruleId === 'k8s/duplicate-key')!;
  assert.deepEqual([order.line, order.endLine], [20, 21]);
  assert.match(order.message, /kubectl apply takes the merged value, kustomize the explicit one/);
});

test('explicit core tags decide the type, quoted or not', () => {
  const doc = toPlain(parseYaml('a: !!bool "true"\nb: !!int "0"\nc: !!str true\nd: !!null ""\ne: !!float "1.5"\nf: !!bool "nope"\ng: !<tag:yaml.org,2002:int> "7"\nh: !custom yes\n').documents[0].root!);
  assert.deepEqual(doc, { a: true, b: 0, c: 'true', d: null, e: 1.5, f: 'nope', g: 7, h: true });
});

test('merge keys: explicit keys written after a merge win, keys written before it lose (go-yaml v2), earlier sources win', () => {
  const doc = toPlain(parseYaml('x: &x {a: 1, b: 1, c: 1}\ny: &y {a: 2, d: 2}\nm:\n  b: 0\n  <<: [*x, *y]\n  c: 3\n').documents[0].root!);
  assert.deepEqual((doc as { m: unknown }).m, { b: 1, a: 1, c: 3, d: 2 });
});
