// A Dockerfile as rules see it: instructions with exact offsets, flags, exec-form values,
// build stages with their aliases, bases and variables, and RUN commands parsed as shell.
// Parsed by dockerfile-ast, the parser behind the VS Code Docker extension.

import { DockerfileParser, Keyword, type Instruction } from 'dockerfile-ast';
import './ast-memo.js';
import type { SourceFile } from '../source-file.js';
import { parseShell, replaceWords, type ShellScript, type Word } from './shell.js';
import { expandWord, type Expansion, type ScopedVar } from './expand.js';

export interface Span {
  start: number;
  end: number;
}

export interface Flag extends Span {
  name: string;
  value: string | null;
}

export interface Arg extends Span {
  value: string;
}

export interface Instr extends Span {
  index: number;
  /** Upper-case keyword: RUN, FROM, … */
  keyword: string;
  keywordEnd: number;
  flags: Flag[];
  /** Arguments after the flags, as Docker splits them. */
  args: Arg[];
  /** Offsets of the text after the flags (to the end of the instruction, heredocs included). */
  body: Span;
  /** Exec (JSON) form values, or null for shell form. */
  json: Arg[] | null;
  stage: Stage | null;
  /** RUN (and shell-form CMD/ENTRYPOINT): the parsed shell script. */
  shell: ShellScript | null;
  /** ONBUILD: the trigger instruction's keyword. */
  trigger: string | null;
  /** For an instruction wrapped in ONBUILD (in `model.triggers`): the ONBUILD that wraps it. */
  onbuild: Instr | null;
  /** The shell RUN uses here: POSIX (`sh`), or PowerShell/cmd, whose scripts are not parsed. */
  shellKind: 'posix' | 'powershell' | 'cmd';
  /** Line (1-based) of the instruction. */
  line: number;
}

export interface Stage {
  index: number;
  from: Instr;
  /** The image reference as written. */
  imageRaw: string;
  /** With ARG defaults substituted; null when a variable has no known value. */
  image: string | null;
  /**
   * The image a build without --build-arg uses: global ARGs without a default, and variables no
   * global ARG declares (FROM sees nothing else; Docker warns and expands them to nothing), as
   * empty. Equal to `image` when that is known.
   */
  imageUnset: string;
  imageSpan: Span;
  alias: string | null;
  aliasSpan: Span | null;
  /** The earlier stage this one builds on (`FROM builder`). */
  parent: Stage | null;
  instructions: Instr[];
  final: boolean;
  /** The shell in force at the end of the stage (SHELL instructions, else the base's default). */
  shellKind: 'posix' | 'powershell' | 'cmd';
}

export interface DockerModel {
  file: SourceFile;
  escape: string;
  instructions: Instr[];
  /** The instructions wrapped in ONBUILD (`ONBUILD RUN apt-get install …`), with their own
   * positions. They run in images built FROM this one; rules that check one instruction on its
   * own check them too (as hadolint does), rules about this image's stages do not. */
  triggers: Instr[];
  stages: Stage[];
  /** ARGs declared before the first FROM, with their defaults. */
  globalArgs: Map<string, string | null>;
  /** Words of RUN scripts that were variables, expanded from the ARG and ENV values in scope (expand.ts). */
  expansions: { start: number; end: number; text: string; used: Expansion['used'] }[];
  /** Offsets of comments (`# …` lines), for suppressions. */
  comments: { line: number; text: string; start: number; end: number }[];
}

const KEYWORDS = new Set<string>(Object.values(Keyword));

/** Whether `keyword` (upper case) is a Dockerfile instruction, as dockerfile-ast knows them. */
export function isInstructionKeyword(keyword: string): boolean {
  return KEYWORDS.has(keyword);
}

export function parseDockerfile(file: SourceFile): DockerModel {
  const df = DockerfileParser.parse(file.text);
  const lines = file.lines;
  const off = (r: { line: number; character: number }) => lines.lineStart(r.line + 1) + r.character;
  const escape = df.getEscapeCharacter();
  const model: DockerModel = { file, escape, instructions: [], triggers: [], stages: [], globalArgs: new Map(), comments: [], expansions: [] };

  for (const c of df.getComments()) {
    const r = c.getRange();
    model.comments.push({ line: r.start.line + 1, text: c.getContent(), start: off(r.start), end: off(r.end) });
  }
  // dockerfile-ast reads any `# word=value` line at the top as a parser directive, including
  // pragmas such as `# hadolint global ignore=…`: keep those lines as comments too.
  for (const d of df.getDirectives()) {
    const line = d.getRange().start.line + 1;
    const raw = lines.lineText(line);
    const start = lines.lineStart(line);
    model.comments.push({ line, text: raw.replace(/^\s*#\s?/, ''), start, end: start + raw.length });
  }
  model.comments.sort((a, b) => a.line - b.line);

  let stage: Stage | null = null;
  const instrs = df.getInstructions();
  const build = (node: Instruction, index: number, wrapper: Instr | null): Instr => {
    const range = node.getRange();
    const kwRange = node.getInstructionRange();
    const flags: Flag[] = typeof (node as unknown as { getFlags?: unknown }).getFlags === "function" ? (node as unknown as { getFlags(): FlagNode[] }).getFlags().map((f) => flagOf(f, off)) : [];
    const keyword = node.getKeyword().toUpperCase();
    // RUN is read by the shell parser, not by Docker's word splitting, which dominated parse time on long RUNs.
    let args: Arg[] = keyword === 'RUN' ? [] : node.getArguments().map((a) => ({ value: a.getValue(), start: off(a.getRange().start), end: off(a.getRange().end) }));
    if (keyword === 'COPY' || keyword === 'ADD') {
      // `COPY <<EOF /dest` then the file's lines: those lines are content, not arguments.
      const docs = typeof (node as unknown as { getHeredocs?: unknown }).getHeredocs === 'function' ? (node as unknown as { getHeredocs(): { getContentRange(): Rng | null }[] }).getHeredocs() : [];
      const firstContent = docs.map((h) => h.getContentRange()).find((r) => r !== null);
      if (firstContent) args = args.filter((a) => a.start < off(firstContent.start));
    }
    const start = off(range.start);
    const end = off(range.end);
    const bodyStart = flags.length ? skipSpace(file.text, Math.max(...flags.map((f) => f.end)), end, escape) : args.length ? args[0].start : skipSpace(file.text, off(kwRange.end), end, escape);
    const instr: Instr = {
      index,
      keyword,
      keywordEnd: off(kwRange.end),
      flags,
      args,
      body: { start: bodyStart, end },
      json: null,
      stage: null,
      shell: null,
      trigger: null,
      onbuild: wrapper,
      shellKind: 'posix',
      start,
      end,
      line: range.start.line + 1,
    };
    if (wrapper) {
      instr.stage = stage;
      if (stage) instr.shellKind = stage.shellKind;
      if (keyword === 'ARG' || keyword === 'ENV') readDeclarations(instr, file.text);
      if (keyword === 'RUN' || keyword === 'CMD' || keyword === 'ENTRYPOINT' || keyword === 'SHELL' || keyword === 'COPY' || keyword === 'ADD' || keyword === 'VOLUME') {
        instr.json = execForm(file.text, instr.body, escape);
        if (keyword === 'RUN' && (instr.shellKind === 'posix' || instr.json)) instr.shell = runScript(file.text, instr, node, escape, off);
      }
      return instr;
    }
    if (keyword === 'FROM') {
      stage = makeStage(model, instr, node, off);
      model.stages.push(stage);
    }
    instr.stage = stage;
    if (stage) instr.shellKind = stage.shellKind;
    // Declarations read once from the text, for every reader (see declaredVars).
    const declared = keyword === 'ARG' || keyword === 'ENV' ? readDeclarations(instr, file.text) : [];
    if (keyword === 'ARG' && !stage) for (const [k, v] of declared) model.globalArgs.set(k, v);
    if (keyword === 'RUN' || keyword === 'CMD' || keyword === 'ENTRYPOINT' || keyword === 'SHELL' || keyword === 'COPY' || keyword === 'ADD' || keyword === 'VOLUME') {
      instr.json = execForm(file.text, instr.body, escape);
      if (keyword === 'RUN' && (instr.shellKind === 'posix' || instr.json)) instr.shell = runScript(file.text, instr, node, escape, off);
      if (keyword === 'SHELL' && stage && instr.json?.length) stage.shellKind = shellKindOf(instr.json[0].value);
    }
    if (keyword === 'ONBUILD') {
      const t = (node as unknown as { getTriggerInstruction(): Instruction | null }).getTriggerInstruction?.();
      instr.trigger = t ? t.getKeyword().toUpperCase() : null;
      if (t && !/^(ONBUILD|FROM|MAINTAINER)$/.test(instr.trigger ?? '')) model.triggers.push(build(t, index, instr));
    }
    return instr;
  };
  instrs.forEach((node, index) => {
    const instr = build(node, index, null);
    model.instructions.push(instr);
    if (stage) stage.instructions.push(instr);
  });
  if (model.stages.length) model.stages[model.stages.length - 1].final = true;
  for (const instr of model.instructions) if (instr.keyword === 'RUN' && instr.shell) expandRun(model, instr);
  return model;
}

interface FlagNode {
  getName(): string;
  getValue(): string | null;
  getRange(): { start: { line: number; character: number }; end: { line: number; character: number } };
}

function flagOf(f: FlagNode, off: (r: { line: number; character: number }) => number): Flag {
  const r = f.getRange();
  return { name: f.getName().toLowerCase(), value: f.getValue(), start: off(r.start), end: off(r.end) };
}

/** Skips whitespace and escaped newlines (`\\` or the escape directive's character before a line break). */
function skipSpace(text: string, i: number, end: number, escape: string): number {
  for (;;) {
    while (i < end && /\s/.test(text[i])) i++;
    if (i < end && text[i] === escape && /^[ \t]*\r?\n/.test(text.slice(i + 1, i + 80))) {
      i++;
      continue;
    }
    return i;
  }
}

function makeStage(model: DockerModel, instr: Instr, node: Instruction, off: (r: { line: number; character: number }) => number): Stage {
  const from = node as unknown as { getImage(): string | null; getImageRange(): Rng | null; getBuildStage(): string | null; getBuildStageRange(): Rng | null };
  const imageRaw = from.getImage() ?? '';
  const ir = from.getImageRange();
  const ar = from.getBuildStageRange();
  const alias = from.getBuildStage();
  const image = substitute(imageRaw, model.globalArgs);
  const parent = image ? (model.stages.find((s) => s.alias !== null && s.alias.toLowerCase() === image.toLowerCase()) ?? null) : null;
  return {
    index: model.stages.length,
    from: instr,
    imageRaw,
    image,
    imageUnset: substitute(imageRaw, model.globalArgs, true) ?? '',
    imageSpan: ir ? { start: off(ir.start), end: off(ir.end) } : { start: instr.start, end: instr.end },
    alias: alias ? alias : null,
    aliasSpan: ar ? { start: off(ar.start), end: off(ar.end) } : null,
    parent,
    instructions: [],
    final: false,
    // Windows images default to cmd; a stage built on another stage keeps its SHELL.
    shellKind: parent ? parent.shellKind : /(^|\/)windows\/|servercore|nanoserver|windowsservercore/i.test(image ?? imageRaw) ? 'cmd' : 'posix',
  };
}

function shellKindOf(program: string): 'posix' | 'powershell' | 'cmd' {
  return /powershell|pwsh/i.test(program) ? 'powershell' : /(^|[\\/])cmd(\.exe)?$/i.test(program) ? 'cmd' : 'posix';
}

type Rng = { start: { line: number; character: number }; end: { line: number; character: number } };

const declarations = new WeakMap<Instr, [string, string | null][]>();

/**
 * `ARG A=1 B` / `ENV A=1 B="x y"` / `ENV A 1`: the names and values they declare, as the model
 * read them (readDeclarations); none for other instructions.
 */
export function declaredVars(instr: Instr): [string, string | null][] {
  return declarations.get(instr) ?? [];
}

/**
 * Reads an ARG's or ENV's declarations from its text as Docker reads it: words split on
 * whitespace outside quotes, quotes removed, escapes applied. (dockerfile-ast's arguments split
 * inside quotes, so `ARG HINT="password token"` read as ARGs `HINT` and `token"`.)
 */
function readDeclarations(instr: Instr, text: string): [string, string | null][] {
  const raw = text.slice(instr.body.start, instr.body.end);
  const out: [string, string | null][] = [];
  const words = dockerWords(raw);
  if (instr.keyword === 'ENV' && words.length >= 1 && !words[0].includes('=')) {
    // Legacy `ENV NAME value with spaces`: everything after the name is the value.
    const m = /^\s*\S+\s+([\s\S]*?)\s*$/.exec(raw.replace(/\\\r?\n/g, ' '));
    out.push([words[0], m ? unquoteWord(m[1]) : null]);
  } else {
    for (const w of words) {
      const eq = w.indexOf('=');
      if (eq < 0) out.push([w, null]);
      else out.push([w.slice(0, eq), w.slice(eq + 1)]);
    }
  }
  declarations.set(instr, out);
  return out;
}

/** Docker's word splitting of ENV/ARG/LABEL text: whitespace outside quotes separates words; quotes are removed. */
function dockerWords(raw: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: string | null = null;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '\\' && quote !== "'") {
      const next = raw[i + 1];
      if (next === '\n' || (next === '\r' && raw[i + 2] === '\n')) {
        i += next === '\r' ? 2 : 1;
        continue;
      }
      if (next !== undefined) {
        cur += next;
        has = true;
        i++;
        continue;
      }
    }
    if (quote) {
      if (ch === quote) quote = null;
      else cur += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
      continue;
    }
    if (/\s/.test(ch)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
      continue;
    }
    cur += ch;
    has = true;
  }
  if (has) out.push(cur);
  return out;
}

function unquoteWord(v: string): string {
  return dockerWords(v).join(' ');
}

/**
 * Substitutes `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR:+alt}` from `vars`. Returns null
 * when a variable has no known value: an unknown is never treated as a finding.
 */
export function substitute(text: string, vars: Map<string, string | null>, unsetAsEmpty = false): string | null {
  let unknown = false;
  const out = text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_m, braced: string, op: string, word: string, bare: string) => {
    const name = braced ?? bare;
    const v = vars.get(name);
    const set = v !== undefined && v !== null && v !== '';
    if (op === '-') return set ? v! : (word ?? '');
    if (op === '+') return set ? (word ?? '') : '';
    if (!set) {
      unknown = true;
      return '';
    }
    return v!;
  });
  return unknown && !unsetAsEmpty ? null : out;
}

/** Variables in scope at `instr`: global ARG defaults re-declared in the stage, stage ARGs and ENVs. */
export function varsAt(model: DockerModel, instr: Instr): Map<string, string | null> {
  return new Map([...scopeAt(model, instr)].map(([k, v]) => [k, v.value]));
}

/**
 * The variables a RUN at `instr` sees, with where each was declared: the ARGs and ENVs of its
 * stage before it and of the stages it builds on (FROM parent); an ARG without a value takes the
 * global ARG's default. A stage that does not build on another sees nothing of it.
 */
export function scopeAt(model: DockerModel, instr: Instr): Map<string, ScopedVar> {
  const vars = new Map<string, string | null>();
  const out = new Map<string, ScopedVar>();
  const chain: Stage[] = [];
  for (let s = instr.stage; s; s = s.parent) chain.unshift(s);
  for (const s of chain) {
    for (const i of s.instructions) {
      if (s === instr.stage && i.index >= instr.index) break;
      if (i.keyword !== 'ARG' && i.keyword !== 'ENV') continue;
      for (const [k, v] of declaredVars(i)) {
        const value = v === null ? (i.keyword === 'ARG' ? (model.globalArgs.get(k) ?? null) : null) : substitute(v, vars);
        vars.set(k, value);
        out.set(k, { value, line: i.line, keyword: i.keyword });
      }
    }
  }
  return out;
}

/** Expands the variables of a RUN's commands (expand.ts), recording each expanded word in `model.expansions`. */
function expandRun(model: DockerModel, instr: Instr): void {
  const script = instr.shell!;
  if (!script.commands.some((c) => c.via === null && c.words.some((w) => w.dynamic))) return;
  const scope = scopeAt(model, instr);
  instr.shell = replaceWords(script, (c) => {
    if (c.via !== null || !c.words.some((w) => w.dynamic)) return null;
    let changed = false;
    const words = c.words.flatMap((w): Word[] => {
      if (!w.dynamic) return [w];
      const raw = model.file.text.slice(w.start, w.end);
      const e = expandWord(raw, scope);
      if (!e) return [w];
      changed = true;
      model.expansions.push({ start: w.start, end: w.end, text: raw, used: e.used });
      return e.fields.map((value) => ({ value, dynamic: false, start: w.start, end: w.end }));
    });
    return changed ? words : null;
  });
}

/** Exec form: `["cmd", "arg"]` with each string's offsets. Null when the text is not a JSON array. */
function execForm(text: string, body: Span, escape: string): Arg[] | null {
  const raw = text.slice(body.start, body.end);
  if (!raw.trimStart().startsWith('[')) return null;
  const joined = raw.split(`${escape}\n`).join('  ').replace(/\r/g, ' ');
  let values: unknown;
  try {
    values = JSON.parse(joined);
  } catch {
    return null;
  }
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) return null;
  const out: Arg[] = [];
  const re = /"((?:[^"\\]|\\.)*)"/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(joined)) && out.length < values.length) out.push({ value: values[out.length] as string, start: body.start + m.index, end: body.start + m.index + m[0].length });
  return out.length === values.length ? out : null;
}

/** The shell script a RUN executes, with one-to-one offsets into the Dockerfile. */
function runScript(text: string, instr: Instr, node: Instruction, escape: string, off: (r: { line: number; character: number }) => number): ShellScript | null {
  if (instr.json) {
    const [first, ...rest] = instr.json;
    if (!first) return null;
    const c = rest.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a.value));
    if (/(^|\/)(ba|da|a|z|k)?sh$/.test(first.value) && c >= 0 && rest[c + 1]) {
      const s = rest[c + 1];
      const inner = parseShell(s.value, s.start + 1);
      const exact = s.end - s.start - 2 === s.value.length;
      if (!exact) for (const cmd of inner.commands) for (const w of [cmd, ...cmd.words]) Object.assign(w, { start: s.start, end: s.end });
      return inner;
    }
    const words = instr.json.map((a) => ({ value: a.value, dynamic: false, start: a.start, end: a.end }));
    return { commands: [{ name: first.value.replace(/^.*\//, ''), words, args: words.slice(1), start: first.start, end: instr.json[instr.json.length - 1].end, via: null, env: {} }], pipes: [], error: null };
  }
  const heredocs = typeof (node as unknown as { getHeredocs?: unknown }).getHeredocs === "function" ? (node as unknown as { getHeredocs(): { getContentRange(): Rng | null }[] }).getHeredocs() : [];
  const body = instr.body;
  const firstContent = heredocs.map((h) => h.getContentRange()).find((r) => r !== null);
  const headEnd = firstContent ? off(firstContent.start) : body.end;
  const head = text.slice(body.start, headEnd);
  // `RUN <<EOF` with nothing else: the heredoc body is the script.
  if (firstContent && /^\s*<<-?\s*["']?[A-Za-z_][A-Za-z0-9_]*["']?\s*$/.test(head)) {
    const cs = off(firstContent.start);
    const ce = off(firstContent.end);
    return parseShell(sameLength(text.slice(cs, ce)), cs);
  }
  return parseShell(dockerToShell(text.slice(body.start, body.end), escape, headEnd - body.start), body.start);
}

/**
 * Turns Dockerfile text into shell text of the same length: CR becomes a space, a backtick
 * escape before a newline becomes a backslash, and comment lines inside a continued instruction
 * (which Docker removes) become spaces, their newline included, so the continuation carries on.
 */
function dockerToShell(raw: string, escape: string, headLength: number): string {
  let s = raw.replace(/\r/g, ' ');
  if (escape === '`') s = s.replace(/`(?=[ \t]*\n)/g, '\\');
  // Docker accepts whitespace between the escape and the newline; the shell does not.
  s = s.replace(/\\([ \t]+)\n/g, (_m, ws: string) => `${ws}\\\n`);
  const chars = s.split('');
  let lineStart = 0;
  let continued = false;
  while (lineStart < headLength) {
    let nl = s.indexOf('\n', lineStart);
    if (nl < 0 || nl >= headLength) nl = headLength;
    const line = s.slice(lineStart, nl);
    if (continued && /^\s*#/.test(line) && nl < headLength) {
      for (let k = lineStart; k <= nl; k++) chars[k] = ' ';
    } else {
      continued = /\\[ \t]*$/.test(line);
    }
    lineStart = nl + 1;
  }
  return chars.join('');
}

function sameLength(s: string): string {
  return s.replace(/\r/g, ' ');
}
