// mvdan/sh's parse of a script, read into the statements shell-read.ts builds (Stmt, ShWord, Part),
// so that one walk (shell.ts) turns either reader's statements into commands. Offsets are
// characters of the script, from 0, as shell-read.ts gives them.
//
// mvdan-sh is mvdan/sh compiled by GopherJS. Reading the tree through its JavaScript wrappers
// (syntax.Walk, node.Args, node.Pos()) copies every slice and wraps every value, which cost about
// 1 ms per RUN; reading the Go structs underneath costs microseconds. The layout read here is
// GopherJS's: slices are {$array, $offset, $length}, a struct's type is its constructor.string,
// positions are {offs} in UTF-8 bytes. The version is pinned in package.json and the shell tests
// cover every construct read here.

import type { ShNode, ShParser } from 'mvdan-sh';
import { mvdan } from './mvdan-sh-lazy.cjs';
import type { Assign, Cmd, Part, ShWord, Stmt } from './shell-read.js';
/* eslint-disable @typescript-eslint/no-explicit-any */

type GoObj = Record<string, any>;
type GoPos = { offs: number };

let parser: ShParser | null = null;

const OP_PIPE = 12;
const OP_PIPE_ALL = 13;

/** The statements of `script` as mvdan/sh parses it, or its error message. */
export function readShellMvdan(script: string): Stmt[] | { error: string } {
  let file: ShNode;
  try {
    file = (parser ??= mvdan().syntax.NewParser()).Parse(script, '');
  } catch (e) {
    const err = e as { Error?: () => string };
    return { error: typeof err.Error === 'function' ? err.Error() : String(e) };
  }
  const toChar = byteToCharMapper(script);
  return new Reader((pos) => toChar(pos ? pos.offs : 0)).stmts(items((file as unknown as { __internal_object__: GoObj }).__internal_object__.Stmts));
}

class Reader {
  constructor(private readonly at: (pos: GoPos | undefined) => number) {}

  stmts(list: GoObj[]): Stmt[] {
    const out: Stmt[] = [];
    for (const s of list) {
      const stmt = this.stmt(s);
      if (stmt) out.push(stmt);
    }
    return out;
  }

  private stmt(s: GoObj): Stmt | null {
    if (isNil(s)) return null;
    const redirs = items(s.Redirs)
      .filter((r) => !isNil(r.Word))
      .map((r) => this.word(r.Word));
    return { redirs, cmd: isNil(s.Cmd) ? null : this.cmd(s.Cmd) };
  }

  /** Statements from Go slices (`Stmts`, `Cond`, …) or single statements (`X`, `Body`), in order. */
  private group(words: ShWord[], ...lists: (GoObj | GoObj[])[]): Cmd {
    return { t: 'group', words, stmts: lists.flatMap((l) => this.stmts(Array.isArray(l) ? l : items(l))) };
  }

  private cmd(c: GoObj): Cmd | null {
    switch (typeOf(c)) {
      case '*syntax.CallExpr':
        return { t: 'call', assigns: items(c.Assigns).map((a) => this.assign(a)), args: items(c.Args).map((w) => this.word(w)) };
      case '*syntax.BinaryCmd':
        if (c.Op === OP_PIPE || c.Op === OP_PIPE_ALL) return { t: 'pipeline', stmts: this.stmts([c.X, c.Y]), pipes: [this.at(c.OpPos)] };
        return this.group([], [c.X, c.Y]);
      case '*syntax.Subshell':
      case '*syntax.Block':
        return this.group([], c.Stmts);
      case '*syntax.IfClause': {
        const lists: GoObj[] = [];
        for (let k: GoObj = c; !isNil(k); k = k.Else) lists.push(k.Cond, k.Then);
        return this.group([], ...lists);
      }
      case '*syntax.WhileClause':
        return this.group([], c.Cond, c.Do);
      case '*syntax.ForClause':
        return this.group(!isNil(c.Loop) && c.Loop.Items ? items(c.Loop.Items).map((w) => this.word(w)) : [], c.Do);
      case '*syntax.CaseClause':
        return this.group(isNil(c.Word) ? [] : [this.word(c.Word)], ...items(c.Items).map((item) => item.Stmts));
      case '*syntax.FuncDecl':
        return this.group([], [c.Body]);
      case '*syntax.TimeClause':
      case '*syntax.CoprocClause':
        return this.group([], [c.Stmt]);
      case '*syntax.DeclClause':
        return this.group(items(c.Args).filter((a) => !isNil(a.Value)).map((a) => this.word(a.Value)));
      default:
        // [[ ]], (( )), let: no command runs inside them.
        return null;
    }
  }

  private assign(a: GoObj): Assign {
    const name = a.Name?.Value;
    return { name: typeof name === 'string' ? name : null, value: isNil(a.Value) ? null : this.word(a.Value) };
  }

  private word(w: GoObj): ShWord {
    return { parts: items(w.Parts).map((p) => this.part(p)) };
  }

  private part(p: GoObj): Part {
    const start = this.at(partStart(p));
    const end = this.at({ offs: partEnd(p) });
    switch (typeOf(p)) {
      case '*syntax.Lit':
        return { t: 'lit', raw: p.Value as string, start, end };
      case '*syntax.SglQuoted':
        return { t: 'sq', value: p.Value as string, start, end };
      case '*syntax.DblQuoted':
        return { t: 'dq', parts: items(p.Parts).map((q) => this.part(q)), start, end };
      case '*syntax.ParamExp':
        return { t: 'param', name: isNil(p.Param) ? '' : (p.Param.Value as string), short: Boolean(p.Short), start, end };
      case '*syntax.CmdSubst':
      case '*syntax.ProcSubst':
        return { t: 'subst', stmts: this.stmts(items(p.Stmts)), start, end };
      default:
        // Arithmetic, extended globs and the like: dynamic text, no command run.
        return { t: 'subst', stmts: [], start, end };
    }
  }
}

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
  return (x.constructor as GoObj | undefined)?.string ?? '';
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
