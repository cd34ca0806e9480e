// The Dockerfile model: stages, variables and the shell reading of RUN.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { declaredVars, parseDockerfile, varsAt } from '../src/core/docker/model.js';
import { expandWord } from '../src/core/docker/expand.js';
import { parseShell } from '../src/core/docker/shell.js';
import { fromText } from '../src/core/source-file.js';
import { scanFiles } from '../src/core/engine.js';

const model = (text: string) => parseDockerfile(fromText('Dockerfile', text));
const names = (text: string) => model(text).instructions.flatMap((i) => i.shell?.commands.map((c) => c.name) ?? []);

test('commands are found across &&, ;, ||, pipes, subshells, $(…) and sh -c, never in strings or heredoc data', () => {
  assert.deepEqual(names('FROM a\nRUN a && b; c || d | e; (f); echo "g h" $(i) `j`; sh -c \'k && l\'\n'), ['a', 'b', 'c', 'd', 'e', 'f', 'echo', 'i', 'j', 'sh', 'k', 'l']);
  assert.deepEqual(names('FROM a\nRUN cat <<EOF > /x\nsudo rm -rf /\nEOF\n'), ['cat']);
  assert.deepEqual(names('FROM a\nRUN <<EOF\nset -e\nsudo make\nEOF\n'), ['set', 'sudo', 'make']);
  assert.deepEqual(names('FROM a\nRUN ["/bin/bash", "-c", "x && y"]\n'), ['x', 'y']);
  assert.deepEqual(names('FROM a\nRUN if [ -f x ]; then y; else z; fi; for i in 1 2; do w "$i"; done\n'), ['[', 'y', 'z', 'w']);
});

test('continuations, comment lines inside them, CRLF and the backtick escape keep exact positions', () => {
  const text = '# escape=`\r\nFROM a\r\nRUN echo one `\r\n  # a comment`\r\n  && sudo two\r\n';
  const m = model(text);
  const sudo = m.instructions[1].shell!.commands.find((c) => c.name === 'sudo')!;
  assert.equal(text.slice(sudo.start, sudo.end), 'sudo two');
  const lf = 'FROM a\nRUN apt-get update \\ \n  && apt-get install -y \\\n# comment\n      curl\n';
  const curl = model(lf).instructions[1].shell!.commands[1].args.find((w) => w.value === 'curl')!;
  assert.equal(lf.slice(curl.start, curl.end), 'curl');
});

test('byte offsets of non-ASCII scripts map to characters', () => {
  const s = parseShell('echo "héllo wörld" && sudo x', 100);
  const sudo = s.commands.find((c) => c.name === 'sudo')!;
  assert.equal(sudo.start, 100 + 'echo "héllo wörld" && '.length);
});

test('stages resolve aliases, parents and ARG defaults; unknowns stay unknown', () => {
  const m = model('ARG BASE=alpine:3.20\nARG OTHER\nFROM ${BASE} AS build\nFROM build AS final\nFROM $OTHER\n');
  assert.deepEqual(m.stages.map((s) => [s.image, s.alias, s.parent?.alias ?? null]), [['alpine:3.20', 'build', null], ['build', 'final', 'build'], [null, null, null]]);
  const v = model('ARG V=1\nFROM a\nARG V\nENV W=${V}-x\nRUN true\n');
  assert.equal(varsAt(v, v.instructions[4]).get('W'), '1-x');
});

test('PowerShell and cmd RUNs are not read as POSIX shell', () => {
  const m = model('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN $ErrorActionPreference = \'Stop\'; Invoke-WebRequest -Uri https://x -OutFile y\n');
  assert.equal(m.instructions[2].shell, null);
  const r = scanFiles([{ path: 'Dockerfile', text: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN dir C:\\\n', kind: 'dockerfile' }]);
  assert.equal(r.files[0].reason, null);
});

test('unparseable shell is reported per file and the rest is still checked', () => {
  const r = scanFiles([{ path: 'Dockerfile', text: 'FROM ubuntu\nRUN echo "unterminated\nUSER root\n', kind: 'dockerfile' }]);
  assert.match(r.files[0].reason!, /shell syntax not understood in RUN at line 2/);
  assert.ok(r.findings.some((f) => f.ruleId === 'docker/root-user'));
});

test('a file that is not a Dockerfile says so; a fragment without FROM is checked as one', () => {
  const r = scanFiles([{ path: 'Dockerfile', text: 'hello world\nthis is prose\n', kind: 'dockerfile' }]);
  assert.equal(r.files[0].status, 'error');
  assert.match(r.files[0].reason!, /not a Dockerfile: no FROM instruction, and "HELLO" \(line 1\), "THIS" \(line 2\) are not instructions/);
  const fragment = scanFiles([{ path: 'Dockerfile.part', text: 'RUN sudo make install\nCOPY . /app\n', kind: 'dockerfile' }]);
  assert.deepEqual([fragment.files[0].status, fragment.files[0].reason], ['scanned', 'no FROM: checked as a fragment (instruction-level rules only)']);
  assert.ok(fragment.findings.some((f) => f.ruleId === 'docker/sudo'));
  assert.ok(!fragment.findings.some((f) => f.ruleId === 'docker/instruction-order'), 'a fragment has no FROM to come first');
  assert.equal(fragment.resources.length, 0, 'a fragment is no image');
});

test('RUN words are expanded from the ARG and ENV values in scope, as the shell splits them', () => {
  const scope = new Map([
    ['FETCH', { value: 'curl -k', line: 3, keyword: 'ENV' }],
    ['EMPTY', { value: '', line: 4, keyword: 'ARG' }],
    ['NODEFAULT', { value: null, line: 5, keyword: 'ARG' }],
  ]);
  const fields = (raw: string) => expandWord(raw, scope)?.fields ?? null;
  assert.deepEqual(fields('$FETCH'), ['curl', '-k'], 'unquoted: split into fields');
  assert.deepEqual(fields('"$FETCH"'), ['curl -k'], 'quoted: one word');
  assert.deepEqual(fields("'$FETCH'"), ['$FETCH'], 'single quotes: literal');
  assert.deepEqual(fields('x${FETCH}y'), ['xcurl', '-ky']);
  assert.deepEqual(fields('${EMPTY:-fallback}'), ['fallback']);
  assert.deepEqual(fields('${EMPTY-fallback}'), [], 'set but empty: - keeps the empty value, which splits to nothing');
  assert.deepEqual(fields('${NODEFAULT:-d}'), ['d'], 'an ARG without a default, not passed: the default word');
  assert.deepEqual(fields('${UNDECLARED:---insecure}'), ['--insecure'], 'not declared: the default word is what the shell gives');
  assert.deepEqual(fields('${FETCH:+-v}'), ['-v']);
  assert.equal(fields('$UNDECLARED'), null, 'not declared and no default: may come from the base image, unknown');
  assert.equal(fields('$NODEFAULT'), null, 'an ARG without a value: unknown');
  assert.equal(fields('$(id -u)'), null);
  assert.deepEqual(expandWord('${FETCH}', scope)?.used, [{ name: 'FETCH', line: 3, keyword: 'ENV' }]);
});

test('ARG and ENV values are read as Docker splits them: quoted values with spaces are one value', () => {
  const model = parseDockerfile(fromText('Dockerfile', 'FROM debian:12\nARG HINT="password token"\nENV A=1 \\\n  B=two\\ words C=\'x y\'\nENV LEGACY some value\nRUN echo $B\n'));
  const decl = (n: number) => declaredVars(model.instructions[n]);
  assert.deepEqual(decl(1), [['HINT', 'password token']]);
  assert.deepEqual(decl(2), [['A', '1'], ['B', 'two words'], ['C', 'x y']]);
  assert.deepEqual(decl(3), [['LEGACY', 'some value']]);
  // echo's argument is B's value, one field per word.
  assert.deepEqual(model.instructions[4].shell!.commands[0].args.map((w) => w.value), ['two', 'words']);
  assert.deepEqual(model.expansions.map((e) => e.used.map((u) => `${u.keyword} ${u.name} ${u.line}`)), [['ENV B 3']]);
});
