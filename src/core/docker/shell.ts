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

import type { ShNode, ShParser } from 'mvdan-sh';
import { mvdan } from './mvdan-sh-lazy.cjs';
import { readShell, type Part, type ShWord, type Stmt, type Assign } from './shell-read.js';
/* eslint-disable @typescript-eslint/no-explicit-any */

let parser: ShParser | null = null;

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

const OP_PIPE = 12;
const OP_PIPE_ALL = 13;

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
  // The common shell is read here (shell-read.ts); what it leaves, mvdan parses.
  return (ownReader ? parseShellOwn(script, base, depth) : null) ?? parseShellMvdan(script, base, depth);
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
  if (!own) return null;
  const out: ShellScript = { commands: [], pipes: [], error: null };
  walkOwnStmts(own, {
    call: (args, assigns) => addCommand(out, args.map((w) => ownWord(w, base)), null, depth, ownEnv(assigns, base)),
    pipe: (pos) => out.pipes.push(base + pos),
  });
  return out;
}

/** The script as mvdan/sh parses it: the reference the own reader is compared with. */
export function parseShellMvdan(script: string, base = 0, depth = 0): ShellScript {
  const out: ShellScript = { commands: [], pipes: [], error: null };
  let file: ShNode;
  try {
    file = (parser ??= mvdan().syntax.NewParser()).Parse(script, '');
  } catch (e) {
    const err = e as { Error?: () => string };
    out.error = typeof err.Error === 'function' ? err.Error() : String(e);
    return out;
  }
  const toChar = byteToCharMapper(script);
  const at = (pos: GoPos | undefined) => base + toChar(pos ? pos.offs : 0);
  walkStmts(items((file as unknown as { __internal_object__: GoObj }).__internal_object__.Stmts), {
    call: (args, assigns) => addCommand(out, args.map((w) => wordOf(w, at)), null, depth, envOf(assigns, at)),
    pipe: (pos) => out.pipes.push(at(pos)),
  });
  return out;
}

// mvdan-sh is mvdan/sh compiled by GopherJS. Reading the tree through its JavaScript wrappers
// (syntax.Walk, node.Args, node.Pos()) copies every slice and wraps every value, which cost about
// 1 ms per RUN; reading the Go structs underneath costs microseconds. The layout read here is
// GopherJS's: slices are {$array, $offset, $length}, a struct's type is its constructor.string,
// positions are {offs} in UTF-8 bytes. The version is pinned in package.json and the shell tests
// cover every construct this walker reads.
type GoObj = Record<string, any>;
type GoPos = { offs: number };

function items(slice: GoObj | null | undefined): GoObj[] {
  if (!slice || !slice.$array) return [];
  const out: GoObj[] = [];
  for (let i = 0; i < slice.$length; i++) out.push(slice.$array[slice.$offset + i]);
  return out;
}

function isNil(x: GoObj | null | undefined): boolean {
  return !x || x === (x.constructor as GoObj | undefined)?.nil;
}

function typeOf(x: GoObj): string {
  return (x.constructor as GoObj | undefined)?.string ?? "";
}

interface Visitor {
  call(args: GoObj[], assigns: GoObj[]): void;
  pipe(pos: GoPos): void;
}

function walkStmts(stmts: GoObj[], v: Visitor): void {
  for (const s of stmts) walkStmt(s, v);
}

function walkStmt(s: GoObj, v: Visitor): void {
  if (isNil(s)) return;
  for (const r of items(s.Redirs)) if (!isNil(r.Word)) walkWord(r.Word, v);
  const c = s.Cmd;
  if (isNil(c)) return;
  switch (typeOf(c)) {
    case '*syntax.CallExpr':
      if (c.Args?.$length) v.call(items(c.Args), items(c.Assigns));
      for (const a of items(c.Assigns)) if (!isNil(a.Value)) walkWord(a.Value, v);
      for (const w of items(c.Args)) walkWord(w, v);
      break;
    case '*syntax.BinaryCmd':
      if (c.Op === OP_PIPE || c.Op === OP_PIPE_ALL) v.pipe(c.OpPos);
      walkStmt(c.X, v);
      walkStmt(c.Y, v);
      break;
    case '*syntax.Subshell':
    case '*syntax.Block':
      walkStmts(items(c.Stmts), v);
      break;
    case '*syntax.IfClause':
      for (let k: GoObj = c; !isNil(k); k = k.Else) {
        walkStmts(items(k.Cond), v);
        walkStmts(items(k.Then), v);
      }
      break;
    case '*syntax.WhileClause':
      walkStmts(items(c.Cond), v);
      walkStmts(items(c.Do), v);
      break;
    case '*syntax.ForClause':
      if (!isNil(c.Loop) && c.Loop.Items) for (const w of items(c.Loop.Items)) walkWord(w, v);
      walkStmts(items(c.Do), v);
      break;
    case '*syntax.CaseClause':
      if (!isNil(c.Word)) walkWord(c.Word, v);
      for (const item of items(c.Items)) walkStmts(items(item.Stmts), v);
      break;
    case '*syntax.FuncDecl':
      walkStmt(c.Body, v);
      break;
    case '*syntax.TimeClause':
    case '*syntax.CoprocClause':
      walkStmt(c.Stmt, v);
      break;
    case '*syntax.DeclClause':
      for (const a of items(c.Args)) if (!isNil(a.Value)) walkWord(a.Value, v);
      break;
  }
}

/** Command substitutions inside a word (`$(sudo id)`, backticks) run commands too. */
function walkWord(w: GoObj, v: Visitor): void {
  for (const part of items(w.Parts)) walkPart(part, v);
}

function walkPart(part: GoObj, v: Visitor): void {
  const t = typeOf(part);
  if (t === '*syntax.CmdSubst' || t === '*syntax.ProcSubst') walkStmts(items(part.Stmts), v);
  else if (t === '*syntax.DblQuoted') for (const p of items(part.Parts)) walkPart(p, v);
}

function partStart(p: GoObj): GoPos | undefined {
  return p.ValuePos ?? p.Left ?? p.Dollar ?? p.OpPos ?? p.Position;
}

function partEnd(p: GoObj): number {
  if (p.ValueEnd) return p.ValueEnd.offs;
  const close = p.Right ?? p.Rbrace ?? p.Rparen ?? p.Rbrack;
  if (close && close.offs) return close.offs + 1;
  if (p.Param && p.Param.ValueEnd) return p.Param.ValueEnd.offs;
  return (partStart(p)?.offs ?? 0) + 1;
}

// The reader's tree (shell-read.ts), walked in the order walkStmt walks mvdan's.
interface OwnVisitor {
  call(args: ShWord[], assigns: Assign[]): void;
  pipe(pos: number): void;
}

function walkOwnStmts(stmts: Stmt[], v: OwnVisitor): void {
  for (const s of stmts) walkOwnStmt(s, v);
}

function walkOwnStmt(s: Stmt, v: OwnVisitor): void {
  for (const r of s.redirs) walkOwnWord(r, v);
  const c = s.cmd;
  if (!c) return;
  switch (c.t) {
    case 'call':
      if (c.args.length) v.call(c.args, c.assigns);
      for (const a of c.assigns) if (a.value) walkOwnWord(a.value, v);
      for (const w of c.args) walkOwnWord(w, v);
      break;
    case 'decl':
      for (const w of c.args) walkOwnWord(w, v);
      break;
    case 'pipeline':
      // mvdan nests `a | b | c` as ((a | b) | c): its walk meets the last pipe first.
      for (let k = c.pipes.length - 1; k >= 0; k--) v.pipe(c.pipes[k]);
      walkOwnStmts(c.stmts, v);
      break;
    case 'andor':
    case 'list':
      walkOwnStmts(c.stmts, v);
      break;
    case 'for':
      for (const w of c.items) walkOwnWord(w, v);
      walkOwnStmts(c.body, v);
      break;
    case 'case':
      walkOwnWord(c.word, v);
      for (const b of c.bodies) walkOwnStmts(b, v);
      break;
  }
}

function walkOwnWord(w: ShWord, v: OwnVisitor): void {
  for (const p of w.parts) walkOwnPart(p, v);
}

function walkOwnPart(p: Part, v: OwnVisitor): void {
  if (p.t === 'subst') walkOwnStmts(p.stmts, v);
  else if (p.t === 'dq') for (const q of p.parts) walkOwnPart(q, v);
}

function ownWord(w: ShWord, base: number): Word {
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
  return { value, dynamic, start: base + w.parts[0].start, end: base + w.parts[w.parts.length - 1].end };
}

function ownEnv(assigns: Assign[], base: number): Record<string, string | null> {
  const env: Record<string, string | null> = {};
  for (const a of assigns) {
    if (!a.value) env[a.name] = '';
    else {
      const w = ownWord(a.value, base);
      env[a.name] = w.dynamic ? null : w.value;
    }
  }
  return env;
}

/** `NAME=value` prefix assignments of a command. */
function envOf(assigns: GoObj[], at: (p: GoPos | undefined) => number): Record<string, string | null> {
  const env: Record<string, string | null> = {};
  for (const a of assigns) {
    const name = a.Name?.Value;
    if (typeof name !== 'string') continue;
    if (isNil(a.Value)) env[name] = '';
    else {
      const w = wordOf(a.Value, at);
      env[name] = w.dynamic ? null : w.value;
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

function wordOf(w: GoObj, at: (p: GoPos | undefined) => number): Word {
  let value = '';
  let dynamic = false;
  const visit = (parts: GoObj[]) => {
    for (const part of parts) {
      const t = typeOf(part);
      if (t === '*syntax.Lit') value += unescapeLit(part.Value as string);
      else if (t === '*syntax.SglQuoted') value += part.Value as string;
      else if (t === '*syntax.DblQuoted') visit(items(part.Parts));
      else if (t === '*syntax.ParamExp') {
        dynamic = true;
        const name = isNil(part.Param) ? '' : (part.Param.Value as string);
        value += part.Short ? `$${name}` : `\${${name}}`;
      } else {
        dynamic = true;
        value += '$(…)';
      }
    }
  };
  const parts = items(w.Parts);
  visit(parts);
  const first = parts[0];
  const last = parts[parts.length - 1];
  return { value, dynamic, start: at(first ? partStart(first) : undefined), end: at(last ? { offs: partEnd(last) } : undefined) };
}

/** A backslash in an unquoted word escapes the next character (`\$` is `$`); a continuation is nothing. */
function unescapeLit(s: string): string {
  return s.includes('\\') ? s.replace(/\\\n/g, '').replace(/\\(.)/g, '$1') : s;
}

/** mvdan/sh reports UTF-8 byte offsets; JavaScript strings index UTF-16 code units. */
function byteToCharMapper(s: string): (byte: number) => number {
  if (!/[^\x00-\x7f]/.test(s)) return (b) => b;
  const map: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i)!;
    const bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let b = 0; b < bytes; b++) map.push(i);
    if (cp >= 0x10000) i++;
  }
  return (b) => (b >= map.length ? s.length : map[b]);
}
