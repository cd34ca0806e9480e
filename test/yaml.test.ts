import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml, resolvePlain } from '../src/core/yaml/parse.js';
import { YMap, YScalar, YSeq, toPlain } from '../src/core/yaml/ast.js';
import { LineIndex } from '../src/core/text.js';

test('every node carries exact offsets', () => {
  const text = 'a: 1\nb:\n  c: "quoted"\n  d: [x, {e: true}]\n';
  const { documents, errors } = parseYaml(text);
  assert.deepEqual(errors, []);
  const root = documents[0].root as YMap;
  const c = (root.get('b') as YMap).scalar('c')!;
  assert.equal(text.slice(c.start, c.end), '"quoted"');
  const d = (root.get('b') as YMap).seq('d')!;
  assert.equal(text.slice(d.start, d.end), '[x, {e: true}]');
  const lines = new LineIndex(text);
  const pair = (root.get('b') as YMap).pairOf('c')!;
  assert.deepEqual(lines.span(pair.start, pair.end), { line: 3, column: 3, endLine: 3, endColumn: 14 });
});

test('plain scalars resolve as Kubernetes reads them (YAML 1.1)', () => {
  assert.equal(resolvePlain('yes'), true);
  assert.equal(resolvePlain('On'), true);
  assert.equal(resolvePlain('off'), false);
  assert.equal(resolvePlain('0755'), 493);
  assert.equal(resolvePlain('0x1F'), 31);
  assert.equal(resolvePlain('~'), null);
  assert.equal(resolvePlain('1.5'), 1.5);
  assert.equal(resolvePlain('1.2.3'), '1.2.3');
  assert.equal(resolvePlain('nginx:1.27'), 'nginx:1.27');
  const { documents } = parseYaml('a: "yes"\nb: yes\n');
  const root = documents[0].root as YMap;
  assert.equal(root.scalar('a')!.value, 'yes');
  assert.equal(root.scalar('b')!.value, true);
});

test('multi-document files keep document indexes and positions', () => {
  const text = 'a: 1\n---\nb: 2\n---\n# only a comment\n---\nc: 3\n';
  const { documents, errors } = parseYaml(text);
  assert.deepEqual(errors, []);
  const roots = documents.filter((d) => d.root !== null);
  assert.equal(roots.length, 3);
  const c = (roots[2].root as YMap).pairOf('c')!;
  assert.equal(new LineIndex(text).position(c.start).line, 7);
});

test('a broken document does not hide the good ones, and the error names its line', () => {
  const text = 'kind: A\n---\nkind: [B\n---\nkind: C\n';
  const { documents, errors } = parseYaml(text);
  assert.deepEqual(documents.map((d) => (d.root as YMap).str('kind')), ['A', 'C']);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].index, 1);
  assert.ok(errors[0].line >= 3 && errors[0].line <= 4, `line ${errors[0].line}`);
});

test('alias bombs are refused without expanding them', () => {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  const started = process.hrtime.bigint();
  const { documents, errors } = parseYaml(levels.join('\n') + '\n');
  assert.equal(documents.length, 0);
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /billion laughs|expand/);
  assert.ok(process.hrtime.bigint() - started < 5_000_000_000n);
});

test('each use of an alias is its own copy at the anchor\'s position, knowing the alias that brought it in', () => {
  const { documents } = parseYaml('base: &b {x: 1}\nuse: *b\n');
  const root = documents[0].root as YMap;
  const base = root.get('base')!;
  const use = root.get('use')!;
  assert.notEqual(use, base);
  assert.deepEqual([use.start, use.end], [base.start, base.end]);
  assert.equal(use.pair?.keyText, 'use', 'walking up from the copy reaches the key that uses it');
  assert.deepEqual(use.via, { offset: 'base: &b {x: 1}\nuse: '.length, kind: 'alias' });
  assert.equal(base.via, null);
  assert.deepEqual(toPlain(root), { base: { x: 1 }, use: { x: 1 } });
});

test('very deep nesting is an error, not a stack overflow', () => {
  const { errors } = parseYaml('['.repeat(10000) + ']'.repeat(10000));
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /depth|nesting/);
});

test('an alias inside the node it names is an error naming the alias, not a stack overflow; an unknown alias is named in full', () => {
  for (const text of ['a: &loop [*loop]\n', 'a: &loop {b: *loop}\n---\nkind: x\n']) {
    const { documents, errors } = parseYaml(text);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].index, 0);
    assert.match(errors[0].message, /alias \*loop is inside the node &loop it refers to/);
    assert.equal(documents.length, text.includes('---') ? 1 : 0, 'the other documents are kept');
  }
  const unknown = parseYaml('a: *missing\n').errors;
  assert.match(unknown[0].message, /unknown alias \*missing$/);
});

test('JSON parses with positions', () => {
  const text = '{\n  "kind": "Pod",\n  "spec": {"containers": [{"name": "a"}]}\n}\n';
  const { documents } = parseYaml(text);
  const root = documents[0].root as YMap;
  const containers = (root.get('spec') as YMap).seq('containers') as YSeq;
  const name = (containers.items[0] as YMap).scalar('name') as YScalar;
  assert.equal(text.slice(name.start, name.end), '"a"');
});
