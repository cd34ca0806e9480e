// The streamed JSON writer gives exactly JSON.stringify(value, null, 2) + '\n', chunk by chunk.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MappedArray, writeJsonStream } from '../src/report/json-stream.js';

async function streamed(value: unknown, compact = false): Promise<{ text: string; chunks: number }> {
  const chunks: string[] = [];
  await writeJsonStream(value, (c) => void chunks.push(c), { compact });
  return { text: chunks.join(''), chunks: chunks.length };
}

test('the same bytes as JSON.stringify(value, null, 2), for nested, empty, odd and large values', async () => {
  const finding = (i: number) => ({ ruleId: `k8s/r${i % 7}`, message: `line "${i}"\n\u2028 ünïcode`, line: i, fix: i % 3 ? null : { edits: [{ start: i, end: i + 1, text: '' }] }, gone: undefined, when: new Date(Date.UTC(2026, 10, 30)), tags: [] });
  const values = [
    {},
    [],
    { a: [], b: {}, c: null, d: undefined, e: 'x' },
    [1, undefined, () => 1, 'x'],
    { version: 1, files: Array.from({ length: 300 }, (_, i) => ({ path: `f${i}.yaml`, status: 'scanned' })), findings: Array.from({ length: 5000 }, (_, i) => finding(i)), nested: { runs: [{ results: Array.from({ length: 100 }, (_, i) => ({ i })) }] } },
    'plain',
    42,
    null,
  ];
  for (const v of values) assert.equal((await streamed(v)).text, JSON.stringify(v, null, 2) + '\n');
  // Compact: the bytes of JSON.stringify(value), MappedArrays included.
  for (const v of [...values, { findings: new MappedArray(Array.from({ length: 300 }, (_, i) => i), (i) => (i % 5 ? { i, s: `"${i}"` } : undefined)), more: new MappedArray([1, 2], (i) => i * 2) }])
    assert.equal((await streamed(v, true)).text, JSON.stringify(v) + '\n');
});

test('a large report is written in several chunks, not one string', async () => {
  const report = { findings: Array.from({ length: 20000 }, (_, i) => ({ message: 'x'.repeat(100), i })) };
  const { text, chunks } = await streamed(report);
  assert.ok(chunks > 1, `${chunks} chunk(s)`);
  assert.equal(text, JSON.stringify(report, null, 2) + '\n');
});

test('a MappedArray is written as its mapped items, streamed or not, and JSON.stringify agrees', async () => {
  const source = Array.from({ length: 1000 }, (_, i) => ({ i, secret: 'kept out' }));
  const map = (x: { i: number }) => (x.i % 250 === 0 ? { i: x.i, nested: Array.from({ length: 100 }, (_, k) => k) } : x.i % 7 ? { i: x.i, s: `"${x.i}"` } : undefined);
  for (const length of [3, 1000]) {
    const mapped = new MappedArray(source.slice(0, length), map);
    const plain = source.slice(0, length).map(map);
    const report = { version: 1, findings: mapped, after: 'x' };
    const expected = JSON.stringify({ version: 1, findings: plain, after: 'x' }, null, 2) + '\n';
    assert.equal((await streamed(report)).text, expected);
    assert.equal(JSON.stringify(report, null, 2) + '\n', expected);
  }
});

test('a text report written from its lines is the same bytes as the joined text, in chunks', async () => {
  const { writeReport } = await import('../src/cli/write-report.js');
  const chunks: string[] = [];
  const io = { stdout: async (s: string) => void chunks.push(s), stderr: () => undefined, isTTY: false, env: {}, cwd: '.', stdin: async () => '' };
  const lines = Array.from({ length: 30000 }, (_, i) => `  finding ${i}: ${'x'.repeat(i % 90)} ünïcode`);
  await writeReport({ lines }, undefined, io);
  assert.ok(chunks.length > 1, `${chunks.length} chunk(s)`);
  assert.equal(chunks.join(''), lines.join('\n') + '\n');
  chunks.length = 0;
  await writeReport({ lines: ['one line'] }, undefined, io);
  assert.equal(chunks.join(''), 'one line\n');
});
