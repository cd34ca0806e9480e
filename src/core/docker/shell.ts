// RUN commands read with a real shell parser (mvdan/sh), so a command is found across `&&`,
// `;`, `||`, pipes, subshells, `$(…)` and `sh -c '…'`, and never inside a string, a comment
// or a heredoc body that is data: `echo "use sudo"` runs echo, not sudo.
//
// Which build of mvdan/sh: mvdan-sh (GopherJS) against sh-syntax 0.7.0 (the same Go parser as
// WebAssembly), measured 2026-11-30 on the 744 distinct RUN scripts of 998 real-world Dockerfiles
// (530 KB): mvdan-sh 300 ms, sh-syntax 9.8–11.3 s (an async call and a JSON tree per script), the
// same 147 scripts rejected by both. mvdan-sh stays; identical RUN texts are parsed once (below).
//
// Most scripts do not reach mvdan: shell-read.ts reads the common shell in plain TypeScript and
// gives the same result (test/shell-read.test.ts compares the two), and leaves the rest to mvdan.
// On the 1,288 distinct RUN scripts of `npm run bench`'s mixed set it reads 1,281 (99.8 % of
// the bytes) in 85 ms where mvdan took 486 ms, a fresh process each (node 20, 2026-12-04).

import { readShell, type Assign, type Part, type ShWord, type Stmt } from './shell-read.js';
import { readShellMvdan } from './shell-mvdan.js';

export interface Word {
  /** The word as the shell would pass it, with quotes removed; parameter expansions kept as written. */
  value: string;
  /** Contains an expansion whose value is unknown at build time ($VAR, $(…)). */
  dynamic: boolean;
  /** Offsets in the Dockerfile. */
  start: number;
  end: number;
}

export interface ShellCommand {
  name: string;
  words: Word[];
  /** Arguments after the command name. */
  args: Word[];
  start: number;
  end: number;
  /** The wrapper that ran it (`sudo`, `env`, `xargs`, `sh -c`), if any. */
  via: string | null;
  /** Environment set for this command alone: `PIP_NO_CACHE_DIR=1 pip …`, `env NAME=value cmd`
   * (value null when it is not known at build time). Tools read these like their flags. */
  env: Record<string, string | null>;
}

export interface ShellScript {
  commands: ShellCommand[];
  /** Offsets of `|` pipes (not `||`). */
  pipes: number[];
  error: string | null;
}

/** Commands that run the command named in their arguments. */
const WRAPPERS = new Set(['sudo', 'env', 'exec', 'nice', 'nohup', 'time', 'xargs', 'stdbuf', 'timeout', 'chroot', 'doas', 'gosu', 'su-exec', 'tini', 'dumb-init', 'command']);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', '/bin/sh', '/bin/bash', '/bin/ash', '/bin/dash', '/usr/bin/bash', '/usr/bin/env']);


/**
 * Parses `script`, whose first character sits at `base` in the Dockerfile. `script` must have
 * the same length as the source span it came from, so offsets map one to one.
 */
export function parseShell(script: string, base: number, depth = 0): ShellScript {
  // The same RUN text recurs across a monorepo's Dockerfiles (apt-get update && …, npm ci): it is
  // parsed once, at offset 0, and each use gets its own copy moved to where it sits.
  const key = `${depth}\0${script}`;
  let parsed = cache.get(key);
  if (!parsed) {
    parsed = parseShellUncached(script, 0, depth);
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    if (script.length <= CACHE_MAX_SCRIPT) cache.set(key, parsed);
  }
  return shifted(parsed, base);
}

const CACHE_ENTRIES = 4096;
const CACHE_MAX_SCRIPT = 16 * 1024;
const cache = new Map<string, ShellScript>();

/** A copy of a parse result with every offset moved by `base` (callers may change what they get). */
function shifted(s: ShellScript, base: number): ShellScript {
  const word = (w: Word): Word => ({ value: w.value, dynamic: w.dynamic, start: w.start + base, end: w.end + base });
  return {
    error: s.error,
    pipes: s.pipes.map((p) => p + base),
    commands: s.commands.map((c) => {
      const words = c.words.map(word);
      // args is words without the command name, as addCommand builds it.
      return { name: c.name, words, args: c.args.length === words.length - 1 ? words.slice(1) : c.args.map(word), start: c.start + base, end: c.end + base, via: c.via, env: { ...c.env } };
    }),
  };
}

/**
 * The script with some commands' words replaced (`replace` returns the new words, or null to keep
 * a command): the commands a script wrote are rebuilt from them, so a wrapper or `sh -c` that a
 * replacement reveals is read as one (`$SUDO apt-get …` with SUDO=sudo). Commands found through
 * a wrapper are rebuilt from the command that wraps them.
 */
export function replaceWords(script: ShellScript, replace: (c: ShellCommand) => Word[] | null): ShellScript {
  const out: ShellScript = { commands: [], pipes: [], error: script.error };
  let changed = false;
  for (const c of script.commands) {
    if (c.via !== null) continue;
    const words = replace(c);
    if (words) changed = true;
    addCommand(out, words ?? c.words, null, 0, c.env);
  }
  // The script's pipes in their order, then any a revealed `sh -c` script adds.
  out.pipes = [...new Set([...script.pipes, ...out.pipes])];
  return changed ? out : script;
}

function parseShellUncached(script: string, base: number, depth: number): ShellScript {
  // The common shell is read here (shell-read.ts); what it leaves, mvdan parses (shell-mvdan.ts).
  return commandsOf((ownReader ? readShell(script) : null) ?? readShellMvdan(script), base, depth);
}

let ownReader = true;

/**
 * Off: every script goes to mvdan, as before shell-read.ts. For the test that scans the fixtures
 * both ways and compares the reports; nothing else turns it off.
 */
export function useOwnShellReader(on: boolean): void {
  ownReader = on;
  cache.clear();
}

/** The script as shell-read.ts reads it, or null where it leaves the script to mvdan. */
export function parseShellOwn(script: string, base = 0, depth = 0): ShellScript | null {
  const own = readShell(script);
  return own ? commandsOf(own, base, depth) : null;
}

/** The script as mvdan/sh parses it: the reference the own reader is compared with. */
export function parseShellMvdan(script: string, base = 0, depth = 0): ShellScript {
  return commandsOf(readShellMvdan(script), base, depth);
}

/** Either reader's statements (offsets from 0) as the commands and pipes of a script at `base`. */
function commandsOf(read: Stmt[] | { error: string }, base: number, depth: number): ShellScript {
  if (!Array.isArray(read)) return { commands: [], pipes: [], error: read.error };
  const out: ShellScript = { commands: [], pipes: [], error: null };
  walkStmts(read, {
    call: (args, assigns) => addCommand(out, args.map((w) => wordOf(w, base)), null, depth, envOf(assigns, base)),
    pipe: (pos) => out.pipes.push(base + pos),
  });
  return out;
}

interface Visitor {
  call(args: ShWord[], assigns: Assign[]): void;
  pipe(pos: number): void;
}

// In the order mvdan's tree was walked before shell-read.ts existed (the order of findings and
// pipes): a statement's redirections, then its command; a simple command itself before the
// substitutions in its assignments and arguments.
function walkStmts(stmts: Stmt[], v: Visitor): void {
  for (const s of stmts) walkStmt(s, v);
}

function walkStmt(s: Stmt, v: Visitor): void {
  for (const r of s.redirs) walkWord(r, v);
  const c = s.cmd;
  if (!c) return;
  switch (c.t) {
    case 'call':
      if (c.args.length) v.call(c.args, c.assigns);
      for (const a of c.assigns) if (a.value) walkWord(a.value, v);
      for (const w of c.args) walkWord(w, v);
      break;
    case 'pipeline':
      // mvdan nests `a | b | c` as ((a | b) | c): its walk meets the last pipe first.
      for (let k = c.pipes.length - 1; k >= 0; k--) v.pipe(c.pipes[k]);
      walkStmts(c.stmts, v);
      break;
    case 'group':
      for (const w of c.words) walkWord(w, v);
      walkStmts(c.stmts, v);
      break;
  }
}

/** Command substitutions inside a word (`$(sudo id)`) run commands too. */
function walkWord(w: ShWord, v: Visitor): void {
  for (const p of w.parts) walkPart(p, v);
}

function walkPart(p: Part, v: Visitor): void {
  if (p.t === 'subst') walkStmts(p.stmts, v);
  else if (p.t === 'dq') for (const q of p.parts) walkPart(q, v);
}

function wordOf(w: ShWord, base: number): Word {
  let value = '';
  let dynamic = false;
  const visit = (parts: Part[]) => {
    for (const p of parts) {
      if (p.t === 'lit') value += unescapeLit(p.raw);
      else if (p.t === 'sq') value += p.value;
      else if (p.t === 'dq') visit(p.parts);
      else if (p.t === 'param') {
        dynamic = true;
        value += p.short ? `$${p.name}` : `\${${p.name}}`;
      } else {
        dynamic = true;
        value += '$(…)';
      }
    }
  };
  visit(w.parts);
  const first = w.parts[0];
  const last = w.parts[w.parts.length - 1];
  return { value, dynamic, start: base + (first ? first.start : 0), end: base + (last ? last.end : 0) };
}

/** `NAME=value` prefix assignments of a command. */
function envOf(assigns: Assign[], base: number): Record<string, string | null> {
  const env: Record<string, string | null> = {};
  for (const a of assigns) {
    if (a.name === null) continue;
    if (!a.value) env[a.name] = '';
    else {
      const w = wordOf(a.value, base);
      env[a.name] = w.dynamic ? null : w.value;
    }
  }
  return env;
}

function addCommand(out: ShellScript, words: Word[], via: string | null, depth: number, env: Record<string, string | null> = {}): void {
  if (!words.length) return;
  const cmd: ShellCommand = { name: basename(words[0].value), words, args: words.slice(1), start: words[0].start, end: words[words.length - 1].end, via, env };
  out.commands.push(cmd);
  // `sudo apt-get install …`: the wrapped command is a command too.
  if (WRAPPERS.has(cmd.name)) {
    let i = 1;
    while (i < words.length && (words[i].value.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i].value))) {
      // Options that take a value (`sudo -u user`, `timeout -s KILL`) consume the next word.
      if (/^-(u|g|s|k|n|I|L|P|d|E)$/.test(words[i].value) && cmd.name !== 'env') i++;
      i++;
    }
    if (cmd.name === 'timeout' && i < words.length && /^\d/.test(words[i].value)) i++;
    // `env NAME=value cmd` (and `sudo NAME=value cmd`) set the wrapped command's environment.
    const inner: Record<string, string | null> = { ...env };
    for (const w of words.slice(1, i)) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(w.value);
      if (m) inner[m[1]] = w.dynamic ? null : m[2];
    }
    if (i < words.length) addCommand(out, words.slice(i), cmd.name, depth, inner);
  }
  // `sh -c '…'`: the string is a script.
  if (SHELLS.has(words[0].value) && depth < 3) {
    const c = words.findIndex((w, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(w.value));
    const scriptWord = c > 0 ? words[c + 1] : undefined;
    if (scriptWord && !scriptWord.dynamic) {
      const inner = parseShell(scriptWord.value, scriptWord.start + 1, depth + 1);
      // Offsets inside a quoted string are exact only when no escapes shortened it.
      const exact = scriptWord.end - scriptWord.start - 2 === scriptWord.value.length;
      for (const ic of inner.commands) {
        if (!exact) for (const w of [ic, ...ic.words]) Object.assign(w, { start: scriptWord.start, end: scriptWord.end });
        out.commands.push({ ...ic, via: ic.via ?? 'sh -c' });
      }
      out.pipes.push(...inner.pipes.map((p) => (exact ? p : scriptWord.start)));
    }
  }
}

function basename(p: string): string {
  const i = p.lastIndexOf('/');
  return i >= 0 ? p.slice(i + 1) : p;
}

/** A backslash in an unquoted word escapes the next character (`\$` is `$`); a continuation is nothing. */
function unescapeLit(s: string): string {
  return s.includes('\\') ? s.replace(/\\\n/g, '').replace(/\\(.)/g, '$1') : s;
}
