// The own shell reader (core/docker/shell-read.ts) must give what mvdan/sh gives for every script it
// accepts: the same commands, words, values, offsets, wrappers, environments and pipes, in the same
// order; and it must leave to mvdan what it does not read, so that mvdan's answer (and its error
// for a script that is not valid shell) stays the reference.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseShell, parseShellMvdan, parseShellOwn, useOwnShellReader } from '../src/core/docker/shell.js';
import { scanFiles } from '../src/core/engine.js';
import { FIXTURES } from './helpers/fixtures.js';

const READ = [
  'apt-get update && apt-get install -y curl=7.* && rm -rf /var/lib/apt/lists/*',
  'a | b | c && d | e',
  'a && b && c | d | e',
  'a |& b',
  '(a; b) | c',
  'a || (b && c)',
  'a & b',
  '! foo',
  '{ a; } > $(b)',
  'echo a > $(id) b 2>&1',
  'echo a >&2; echo b 2>/dev/null; c &> x; d >> y; e < z; f <<< $(g)',
  'x=1 y=$(a) cmd $(b) "$(c)"',
  'FOO=1 export BAR',
  'export A=$(id) B',
  'export DEBIAN_FRONTEND=noninteractive && apt-get install -y x',
  'local a=1',
  'x=$(id)',
  'X+=1 y',
  'A= b',
  'if a; then b; elif c; then d; else e; fi',
  'for x in $(ls) b; do y; done',
  'for x; do y; done',
  'while a; do b; done',
  'until a; do b; done',
  'case "$A" in a|b) x ;; (c) y;; *) z ;; esac',
  'case "$(uname -m)" in\n  x86_64) ARCH=amd64 ;;\n  aarch64) ARCH=arm64 ;;\n  *) echo "unsupported"; exit 1 ;;\nesac',
  'echo $ "$" a$ $-x $? $10 $@',
  'echo ${X:-$(id)} ${#X} ${X[0]} ${!X} ${10} ${@} ${#} ${X/a/b} ${X:1:2} ${X@Q} ${X:-"a b"}',
  'echo $A$B"$C"x',
  "echo $'a' 'q' \"a\\\"b\\q\" c\\ d",
  'echo a\\\nb',
  'echo \\\n b',
  'echo a\\\n  b',
  'echo "a"\\\n && b',
  'echo "a"\\\nb z',
  'echo a \\\n\\\n b',
  'echo a\\\n|b',
  'echo ~ *.c [ab] {a,b} }',
  'echo a#b #c',
  '# comment\na',
  'a # c\nb',
  'echo "a"#b',
  'echo $1#b',
  'in',
  'sudo -u x apt-get install y',
  'sh -c "apt-get update && apt-get install -y x"',
  'env PIP_NO_CACHE_DIR=1 pip install x',
  '2>x a',
  'a 2>x 3',
  'a b2>x',
  'set -eux; \\\n  savedAptMark="$(apt-mark showmanual)"; \\\n  apt-get update; \\\n  apt-get install -y --no-install-recommends ca-certificates wget; \\\n  dpkgArch="$(dpkg --print-architecture | awk -F- \'{ print $NF }\')"; \\\n  wget -O /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$dpkgArch"; \\\n  chmod +x /usr/local/bin/gosu',
];

const LEFT_TO_MVDAN = [
  'cat <<EOF > /etc/notes\nsudo is not installed here\nEOF',
  'echo `id`',
  'echo $(( 1 + 2 ))',
  '(( i++ ))',
  '[[ -f x ]] && y',
  'f() { id; }',
  'function f { id; }',
  'a=(1 2) b',
  'A[1]=x b',
  'echo @(a|b)',
  'diff <(a) <(b)',
  'echo $"hi"',
  "echo $'a\\'b'",
  'let i=1',
  'time make',
  'wget https://example.com/…/file.tar',
  'a;;b',
  'a &&',
  'fi',
  'then',
  'a >',
  'echo "unclosed',
  'echo ${X:/a}',
  'export DEBIAN_s/addFRONTEND=x',
  'groupadd -r ray 2\\\n>/dev/null || true',
  'x $X\\\nY z',
  'echo "$X\\\nb" z',
];

const view = (r: ReturnType<typeof parseShellMvdan>) => JSON.stringify({ commands: r.commands, pipes: r.pipes, error: r.error });

test('the own reader gives what mvdan gives for each construct it reads', () => {
  for (const script of READ) {
    const own = parseShellOwn(script);
    assert.ok(own, `the own reader should read: ${JSON.stringify(script)}`);
    assert.equal(view(own), view(parseShellMvdan(script)), JSON.stringify(script));
  }
});

test('what the own reader does not read goes to mvdan, errors included', () => {
  for (const script of LEFT_TO_MVDAN) {
    assert.equal(parseShellOwn(script), null, `should be left to mvdan: ${JSON.stringify(script)}`);
    assert.equal(view(parseShell(script, 0)), view(parseShellMvdan(script)), JSON.stringify(script));
  }
  assert.match(parseShell('a;;b', 0).error ?? '', /can only be used in a case clause/);
});

function dockerfiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...dockerfiles(p));
    else if (/Dockerfile|\.dockerfile$/i.test(e)) out.push(p);
  }
  return out.sort();
}

test('every fixture Dockerfile gives the same report with either reader', () => {
  const files = dockerfiles(FIXTURES).map((p) => ({ path: p.slice(FIXTURES.length), text: readFileSync(p, 'utf8'), kind: 'dockerfile' as const }));
  assert.ok(files.length > 100, `expected the fixture Dockerfiles, found ${files.length}`);
  const withOwn = scanFiles(files, undefined, '2026-01-01');
  useOwnShellReader(false);
  let withMvdan;
  try {
    withMvdan = scanFiles(files, undefined, '2026-01-01');
  } finally {
    useOwnShellReader(true);
  }
  assert.ok(withOwn.findings.length > 100);
  assert.deepEqual(withOwn.findings, withMvdan.findings);
  assert.deepEqual(withOwn.files, withMvdan.files);
});

test('mutated scripts: wherever the own reader accepts one, mvdan gives the same', () => {
  // Deterministic: scripts from READ, cut, joined and sprinkled with shell punctuation.
  const pieces = [' ', '\n', ';', '&', '&&', '||', '|', '(', ')', '{ ', ' }', 'if ', 'then ', 'fi', 'do ', 'done', 'case ', ' in ', 'esac', ';;', "'", '"', '\\', '\\\n', '$', '${', '}', '$(', '#', '>', '2>', 'export ', '=', '*)', 'sh -c '];
  let seed = 20261204;
  const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  let accepted = 0;
  for (let n = 0; n < 4000; n++) {
    let s = READ[Math.floor(rnd() * READ.length)];
    for (let e = 0, edits = 1 + Math.floor(rnd() * 3); e < edits; e++) {
      const at = Math.floor(rnd() * (s.length + 1));
      const r = rnd();
      if (r < 0.4) s = s.slice(0, at) + pieces[Math.floor(rnd() * pieces.length)] + s.slice(at);
      else if (r < 0.8) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rnd() * 3));
      else s = s.slice(0, at) + s.slice(Math.floor(rnd() * s.length)).slice(0, 5) + s.slice(at);
    }
    const own = parseShellOwn(s);
    if (!own) continue;
    accepted++;
    assert.equal(view(own), view(parseShellMvdan(s)), JSON.stringify(s));
  }
  assert.ok(accepted > 1000, `only ${accepted} mutations were read: the comparison would prove little`);
});
