// A reader for the shell most RUN scripts are written in: simple commands with prefix
// assignments and redirections, `&&`, `||`, pipes, `;`, `&`, `!`, subshells, `{ …; }`, if, while,
// until, for … in, case, `export`-style declarations, quotes, `$VAR`, `${…}`, `$(…)` and comments.
//
// Why: mvdan/sh compiled by GopherJS (shell.ts) was the largest single cost of a Dockerfile's
// checks, about 0.65 µs per byte of distinct RUN text (370 ms of a 3.4 s scan of `npm run bench`'s
// mixed set). This reader gives the same commands, words, offsets and pipes for what it accepts,
// in the same order mvdan's tree is walked in (shell.ts walkStmt), and gives up (returns null) on
// everything else: heredocs, backquotes, arithmetic, `[[ ]]`, functions, arrays, extended globs,
// `$"…"`, `let`, `time`, `select`, `coproc`, and anything it does not read as valid. Then mvdan
// parses the script as before, so its answer, and its error message for a script that is not
// valid shell, stay the reference. test/shell-read.test.ts compares the two on every construct
// read here and on every RUN script of the test fixtures.

export type Part =
  | { t: 'lit'; raw: string; start: number; end: number }
  | { t: 'sq'; value: string; start: number; end: number }
  | { t: 'dq'; parts: Part[]; start: number; end: number }
  | { t: 'param'; name: string; short: boolean; start: number; end: number }
  | { t: 'subst'; stmts: Stmt[]; start: number; end: number };

export interface ShWord {
  parts: Part[];
}

export interface Assign {
  /** Null where mvdan's tree has no plain name (shell-mvdan.ts); such a value is still walked. */
  name: string | null;
  value: ShWord | null;
}

/**
 * A simple command; a pipeline (`a | b | c`: mvdan's tree is left-nested, so its walk meets the
 * last pipe first); or any other construct as what runs in it, in the order mvdan's walk meets
 * it: words whose substitutions run first (a `for` list, a `case` word, a declaration's values),
 * then statements (a subshell, `{ }`, `&&`/`||`, if/while/until, the bodies).
 */
export type Cmd = { t: 'call'; assigns: Assign[]; args: ShWord[] } | { t: 'pipeline'; stmts: Stmt[]; pipes: number[] } | { t: 'group'; words: ShWord[]; stmts: Stmt[] };

export interface Stmt {
  redirs: ShWord[];
  cmd: Cmd | null;
}

/** Thrown where the reader gives up; readShell turns it into null. */
class Unsupported {}
const GIVE_UP = new Unsupported();

const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in', '{', '}', '!', '[[', ']]', 'function', 'select', 'time', 'coproc']);
const DECLARATIONS = new Set(['declare', 'local', 'export', 'readonly', 'typeset', 'nameref']);
/** Words mvdan reads as clauses this reader does not build. */
const UNSUPPORTED_COMMANDS = new Set(['[[', ']]', 'function', 'select', 'time', 'coproc', 'let']);

const isBlank = (c: string) => c === ' ' || c === '\t';
/** Characters that end an unquoted word. */
const isMeta = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === ';' || c === '&' || c === '|' || c === '<' || c === '>' || c === '(' || c === ')';
const isNameStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isNameChar = (c: string) => isNameStart(c) || (c >= '0' && c <= '9');
const isDigit = (c: string) => c >= '0' && c <= '9';
const SPECIAL_PARAMS = '@*#?$!-';

/** The statements of `script`, or null when it uses what this reader leaves to mvdan. */
export function readShell(script: string): Stmt[] | null {
  // Only ASCII: mvdan-sh (GopherJS) hands back non-ASCII text as its UTF-8 bytes read one by one
  // (`…` becomes `â¦`), and the reports must not change with the parser that read a script.
  // A carriage return or a NUL is left to mvdan too.
  if (/[^\x01-\x0c\x0e-\x7f]/.test(script)) return null;
  try {
    const r = new Reader(script);
    const stmts = r.list(new Set(), false);
    if (r.i < script.length) return null;
    return stmts;
  } catch (e) {
    if (e === GIVE_UP) return null;
    throw e;
  }
}

class Reader {
  i = 0;
  constructor(readonly s: string) {}

  /** The character at the reader ('' at the end): a call, so that TypeScript does not narrow it across moves. */
  private ch(): string {
    return this.s[this.i] ?? '';
  }

  /** Spaces, tabs and line continuations between tokens. */
  private blanks(): void {
    for (;;) {
      const c = this.ch();
      if (isBlank(c)) this.i++;
      else if (c === '\\' && this.s[this.i + 1] === '\n') this.i += 2;
      else return;
    }
  }

  /** Blanks, newlines and comments. */
  private gaps(): void {
    for (;;) {
      this.blanks();
      if (this.ch() === '\n') this.i++;
      else if (this.ch() === '#') this.comment();
      else return;
    }
  }

  private comment(): void {
    while (this.i < this.s.length && this.ch() !== '\n') this.i++;
    // mvdan reads on past a comment that ends in a backslash, into the next line.
    if (this.s[this.i - 1] === '\\') throw GIVE_UP;
  }

  /** The word at the reader if it is a plain unquoted literal (a candidate keyword), without moving. */
  private peekKeyword(): string | null {
    let j = this.i;
    while (j < this.s.length && !isMeta(this.s[j])) {
      const c = this.s[j];
      if (c === '\\' || c === "'" || c === '"' || c === '$' || c === '`') return null;
      j++;
    }
    return j > this.i ? this.s.slice(this.i, j) : null;
  }

  /**
   * Statements up to one of the `stop` words (at a command's position), a `)` when `paren`, a
   * case item's `;;`, or the end. Separators: newline, `;`, `&`.
   */
  list(stop: Set<string>, paren: boolean): Stmt[] {
    const out: Stmt[] = [];
    for (;;) {
      this.gaps();
      const c = this.ch();
      if (!c) return out;
      if (c === ')') {
        if (paren) return out;
        throw GIVE_UP;
      }
      if (c === ';') {
        if (stop.has(';;') && this.s[this.i + 1] === ';') return out;
        throw GIVE_UP; // a `;` with no statement before it
      }
      const kw = this.peekKeyword();
      if (kw !== null && stop.has(kw)) return out;
      out.push(this.andOr());
      this.blanks();
      if (this.ch() === '#') this.comment();
      const sep = this.ch();
      if (sep === ';') {
        // `;;`, `;&`, `;;&` end a case item; anything else is a separator.
        if (this.s[this.i + 1] === ';' || this.s[this.i + 1] === '&') {
          if (stop.has(';;')) return out;
          throw GIVE_UP;
        }
        this.i++;
      } else if (sep === '&') {
        this.i++;
      } else if (sep === '\n') {
        this.i++;
      } else if (sep === ')' || sep === '') {
        continue;
      } else {
        // A word right after a compound command (`{ a; } b`): mvdan's error is the answer.
        throw GIVE_UP;
      }
    }
  }

  /** pipeline ( (&& | ||) newlines pipeline )* */
  private andOr(): Stmt {
    const stmts = [this.pipeline()];
    for (;;) {
      this.blanks();
      const two = this.s.slice(this.i, this.i + 2);
      if (two !== '&&' && two !== '||') break;
      this.i += 2;
      this.gaps();
      if (!this.ch() || this.ch() === ')' || this.ch() === ';' || this.ch() === '&' || this.ch() === '|') throw GIVE_UP;
      stmts.push(this.pipeline());
    }
    return stmts.length === 1 ? stmts[0] : { redirs: [], cmd: { t: 'group', words: [], stmts } };
  }

  /** [!] command ( (| or |&) newlines command )* */
  private pipeline(): Stmt {
    this.blanks();
    if (this.ch() === '!' && isMetaOrEnd(this.s[this.i + 1])) {
      this.i++;
      this.blanks();
      if (this.ch() === '!') throw GIVE_UP;
    }
    const stmts = [this.command()];
    const pipes: number[] = [];
    for (;;) {
      this.blanks();
      if (this.ch() !== '|' || this.s[this.i + 1] === '|') break;
      pipes.push(this.i);
      this.i += this.s[this.i + 1] === '&' ? 2 : 1;
      this.gaps();
      if (!this.ch() || this.ch() === ')' || this.ch() === ';' || this.ch() === '&' || this.ch() === '|') throw GIVE_UP;
      stmts.push(this.command());
    }
    return stmts.length === 1 ? stmts[0] : { redirs: [], cmd: { t: 'pipeline', stmts, pipes } };
  }

  private command(): Stmt {
    this.blanks();
    const c = this.ch();
    if (c === '(') {
      if (this.s[this.i + 1] === '(') throw GIVE_UP; // (( arithmetic ))
      this.i++;
      const stmts = this.list(new Set(), true);
      if (this.ch() !== ')' || !stmts.length) throw GIVE_UP;
      this.i++;
      return this.compoundEnd({ t: 'group', words: [], stmts });
    }
    const kw = this.peekKeyword();
    if (kw !== null) {
      if (UNSUPPORTED_COMMANDS.has(kw)) throw GIVE_UP;
      if (RESERVED.has(kw) && kw !== 'in') {
        this.i += kw.length;
        switch (kw) {
          case '{': {
            const stmts = this.list(new Set(['}']), false);
            this.expectKeyword('}');
            if (!stmts.length) throw GIVE_UP;
            return this.compoundEnd({ t: 'group', words: [], stmts });
          }
          case 'if':
            return this.compoundEnd(this.ifClause());
          case 'while':
          case 'until': {
            const cond = this.list(new Set(['do']), false);
            this.expectKeyword('do');
            const body = this.list(new Set(['done']), false);
            this.expectKeyword('done');
            if (!cond.length || !body.length) throw GIVE_UP;
            return this.compoundEnd({ t: 'group', words: [], stmts: [...cond, ...body] });
          }
          case 'for':
            return this.compoundEnd(this.forClause());
          case 'case':
            return this.compoundEnd(this.caseClause());
          default:
            // then, elif, else, fi, do, done, esac, }, ! out of place: mvdan's error is the answer.
            throw GIVE_UP;
        }
      }
    }
    return this.simple();
  }

  private expectKeyword(word: string): void {
    this.gaps();
    if (this.peekKeyword() !== word) throw GIVE_UP;
    this.i += word.length;
  }

  private ifClause(): Cmd {
    const stmts: Stmt[] = [];
    for (;;) {
      const cond = this.list(new Set(['then']), false);
      this.expectKeyword('then');
      const then = this.list(new Set(['elif', 'else', 'fi']), false);
      if (!cond.length || !then.length) throw GIVE_UP;
      stmts.push(...cond, ...then);
      this.gaps();
      const kw = this.peekKeyword();
      this.i += kw?.length ?? 0;
      if (kw === 'elif') continue;
      if (kw === 'else') {
        const otherwise = this.list(new Set(['fi']), false);
        if (!otherwise.length) throw GIVE_UP;
        stmts.push(...otherwise);
        this.expectKeyword('fi');
        return { t: 'group', words: [], stmts };
      }
      if (kw === 'fi') return { t: 'group', words: [], stmts };
      throw GIVE_UP;
    }
  }

  private forClause(): Cmd {
    this.blanks();
    const name = this.peekKeyword();
    if (!name || !isNameStart(name[0]) || ![...name].every(isNameChar)) throw GIVE_UP;
    this.i += name.length;
    const items: ShWord[] = [];
    this.blanks();
    // `for x in a b; do`, `for x; do`, `for x do`, and newlines before `in` or `do`.
    const save = this.i;
    this.gaps();
    if (this.peekKeyword() === 'in' && isMetaOrEnd(this.s[this.i + 2])) {
      this.i += 2;
      for (;;) {
        this.blanks();
        const c = this.ch();
        if (c === ';' || c === '\n') {
          if (c === ';' && this.s[this.i + 1] === ';') throw GIVE_UP;
          this.i++;
          break;
        }
        if (c === '#') {
          this.comment();
          continue;
        }
        if (!c || isMeta(c)) throw GIVE_UP;
        items.push(this.word());
      }
    } else {
      this.i = save;
      this.blanks();
      if (this.ch() === ';') this.i++;
    }
    this.expectKeyword('do');
    const body = this.list(new Set(['done']), false);
    this.expectKeyword('done');
    if (!body.length) throw GIVE_UP;
    return { t: 'group', words: items, stmts: body };
  }

  private caseClause(): Cmd {
    this.blanks();
    if (!this.ch() || isMeta(this.ch())) throw GIVE_UP;
    const word = this.word();
    this.gaps();
    if (this.peekKeyword() !== 'in') throw GIVE_UP;
    this.i += 2;
    const bodies: Stmt[][] = [];
    for (;;) {
      this.gaps();
      if (this.peekKeyword() === 'esac') {
        this.i += 4;
        return { t: 'group', words: [word], stmts: bodies.flat() };
      }
      if (this.ch() === '(') this.i++;
      // Patterns: words separated by `|`, up to `)`; not walked (mvdan's walk reads only the bodies).
      for (;;) {
        this.blanks();
        if (!this.ch() || isMeta(this.ch())) throw GIVE_UP;
        this.word();
        this.blanks();
        if (this.ch() === '|') {
          this.i++;
          continue;
        }
        if (this.ch() === ')') {
          this.i++;
          break;
        }
        throw GIVE_UP;
      }
      bodies.push(this.list(new Set([';;', 'esac']), false));
      this.gaps();
      if (this.ch() === ';') {
        if (this.s.startsWith(';;&', this.i)) this.i += 3;
        else if (this.s.startsWith(';;', this.i) || this.s.startsWith(';&', this.i)) this.i += 2;
        else throw GIVE_UP;
        continue;
      }
      if (this.peekKeyword() === 'esac') continue;
      throw GIVE_UP;
    }
  }

  /** Redirections after a compound command; they are walked before it, as mvdan's Stmt.Redirs are. */
  private compoundEnd(cmd: Cmd): Stmt {
    const redirs: ShWord[] = [];
    for (;;) {
      this.blanks();
      if (!this.redirect(redirs)) break;
    }
    return { redirs, cmd };
  }

  /** A redirection at the reader (`>f`, `2>&1`, `&>f`, `<<<w`): its word goes to `into`. */
  private redirect(into: ShWord[]): boolean {
    let j = this.i;
    while (isDigit(this.s[j] ?? '')) j++;
    const op = this.s[j];
    if (j > this.i && op !== '<' && op !== '>') return false;
    if (op === '&' && j === this.i) {
      if (this.s[j + 1] !== '>') return false;
      j += this.s[j + 2] === '>' ? 3 : 2;
    } else if (op === '>') {
      j += this.s[j + 1] === '>' || this.s[j + 1] === '&' || this.s[j + 1] === '|' ? 2 : 1;
    } else if (op === '<') {
      const next = this.s[j + 1];
      if (next === '<') {
        if (this.s[j + 2] !== '<') throw GIVE_UP; // heredoc
        j += 3;
      } else if (next === '(') throw GIVE_UP; // process substitution
      else j += next === '&' || next === '>' ? 2 : 1;
    } else return false;
    this.i = j;
    this.blanks();
    if (!this.ch() || isMeta(this.ch())) throw GIVE_UP; // a redirection must be followed by a word
    into.push(this.word());
    return true;
  }

  private simple(): Stmt {
    const assigns: Assign[] = [];
    const args: ShWord[] = [];
    const redirs: ShWord[] = [];
    let decl = false;
    for (;;) {
      this.blanks();
      const c = this.ch();
      if (!c || c === '\n' || c === ';' || c === '|' || c === ')') break;
      if (c === '&' && this.s[this.i + 1] !== '>') break;
      if (c === '#') break; // a comment: the list reads it
      if (c === '(') throw GIVE_UP; // `f()`, or `(` where a word should be
      if (this.redirect(redirs)) {
        if (decl) throw GIVE_UP; // mvdan ends a declaration at a redirection
        continue;
      }
      const w = this.word();
      // `{fd}>file` names a descriptor: not read here.
      if (this.ch() === '<' || this.ch() === '>') {
        if (this.s[this.i - 1] === '}') throw GIVE_UP;
      }
      if (!args.length && !decl) {
        const a = assignment(w);
        if (a instanceof Unsupported) throw GIVE_UP;
        if (a) {
          assigns.push(a);
          continue;
        }
        // A command word across a line continuation (`elif\<newline>`, `if\<newline>[[`): mvdan
        // reads keywords in it its own way.
        if (w.parts.some((p) => p.t === 'lit' && p.raw.includes('\\\n'))) throw GIVE_UP;
        const lit = plainLiteral(w);
        if (lit !== null && !assigns.length && DECLARATIONS.has(lit)) {
          decl = true;
          continue;
        }
        if (lit !== null && (UNSUPPORTED_COMMANDS.has(lit) || (RESERVED.has(lit) && lit !== 'in'))) throw GIVE_UP;
      }
      args.push(w);
    }
    // mvdan checks each word of a declaration: a flag, a name, or `name=value`.
    if (decl) {
      for (const w of args) {
        const first = w.parts[0];
        if (first.t !== 'lit' || first.raw.includes('\\') || !/^(-[A-Za-z0-9]*|[A-Za-z_][A-Za-z0-9_]*(\+?=.*)?)$/s.test(first.raw) || (w.parts.length > 1 && !first.raw.includes('='))) throw GIVE_UP;
      }
      return { redirs, cmd: { t: 'group', words: args, stmts: [] } };
    }
    if (!assigns.length && !args.length && !redirs.length) throw GIVE_UP;
    return { redirs, cmd: { t: 'call', assigns, args } };
  }

  /** One word: literal text, quotes and expansions, up to a blank or an operator. */
  word(): ShWord {
    // `#` here would start a comment; callers read comments themselves (and a redirection
    // followed by one lacks its word, which mvdan reports).
    if (this.ch() === '#') throw GIVE_UP;
    const parts = new Parts(this.s);
    for (;;) {
      const c = this.ch();
      if (!c || isMeta(c)) break;
      // mvdan starts a comment at a `#` right after a quote or an expansion (`"a"#b`, `$1#`),
      // where a shell reads one word: its reading is the reference, so the word ends here.
      if (c === '#' && !parts.inLiteral && parts.list.length) break;
      if (c === '\\') {
        if (this.i + 1 >= this.s.length) throw GIVE_UP;
        // A line continuation that would start a literal is no part of it (mvdan's offsets).
        if (this.s[this.i + 1] !== '\n') parts.literalFrom(this.i);
        this.i += 2;
        continue;
      }
      if (c === "'") {
        const close = this.s.indexOf("'", this.i + 1);
        if (close < 0) throw GIVE_UP;
        parts.push(this.i, { t: 'sq', value: this.s.slice(this.i + 1, close), start: this.i, end: close + 1 });
        this.i = close + 1;
        continue;
      }
      if (c === '"') {
        const at = this.i;
        parts.push(at, this.doubleQuoted());
        continue;
      }
      if (c === '`') throw GIVE_UP;
      if (c === '$' && this.expansion(parts, false)) continue;
      // (A `$` that starts nothing is a literal `$`.)
      if ((c === '?' || c === '*' || c === '+' || c === '@' || c === '!') && this.s[this.i + 1] === '(') throw GIVE_UP; // extended glob
      parts.literalFrom(this.i);
      this.i++;
    }
    parts.push(this.i);
    const list = parts.list;
    if (!list.length) throw GIVE_UP;
    if (this.ch() === '(') throw GIVE_UP; // `name(`: a function, an array or a glob
    // Digits right before `<` or `>` name a descriptor (`2>`): no word of their own, even where a
    // redirection wants one (`>&1>x`, which mvdan refuses).
    const last = list[list.length - 1];
    if (last.t === 'lit' && /^[0-9]+$/.test(last.raw.replace(/\\\n/g, '')) && (this.ch() === '<' || this.ch() === '>')) throw GIVE_UP;
    return { parts: list };
  }

  private doubleQuoted(): Part {
    const start = this.i;
    this.i++;
    const parts = new Parts(this.s);
    for (;;) {
      const c = this.ch();
      if (!c) throw GIVE_UP;
      if (c === '"') {
        parts.push(this.i);
        this.i++;
        return { t: 'dq', parts: parts.list, start, end: this.i };
      }
      if (c === '`') throw GIVE_UP;
      if (c === '\\') {
        if (this.i + 1 >= this.s.length) throw GIVE_UP;
        parts.literalFrom(this.i);
        this.i += 2;
        continue;
      }
      if (c === '$' && this.expansion(parts, true)) continue;
      parts.literalFrom(this.i);
      this.i++;
    }
  }

  /** An expansion at the reader added to `parts` (true), or a `$` that is a literal (false, not moved). */
  private expansion(parts: Parts, inDouble: boolean): boolean {
    const at = this.i;
    const p = this.dollar(inDouble);
    if (p) parts.push(at, p);
    return p !== null;
  }

  /** `$name`, `${…}`, `$(…)`, `$'…'` at the reader; null for a `$` that is a literal. */
  private dollar(inDouble: boolean): Part | null {
    const start = this.i;
    const next = this.s[this.i + 1] ?? '';
    if (next === '(') {
      if (this.s[this.i + 2] === '(') throw GIVE_UP; // $(( arithmetic ))
      this.i += 2;
      const stmts = this.list(new Set(), true);
      if (this.ch() !== ')') throw GIVE_UP;
      this.i++;
      return { t: 'subst', stmts, start, end: this.i };
    }
    if (next === '{') return this.braced();
    if (next === '[' || next === '\\') throw GIVE_UP; // `$[…]`; a `$` before a line continuation
    if (next === "'") {
      if (inDouble) return null;
      const close = this.s.indexOf("'", this.i + 2);
      if (close < 0) throw GIVE_UP;
      const value = this.s.slice(this.i + 2, close);
      if (value.includes('\\')) throw GIVE_UP; // ANSI-C escapes: mvdan keeps them raw; not read here
      this.i = close + 1;
      return { t: 'sq', value, start, end: this.i };
    }
    if (next === '"') {
      if (inDouble) return null;
      throw GIVE_UP; // $"…", a translated string
    }
    let end = -1;
    if (isNameStart(next)) {
      end = this.i + 1;
      while (isNameChar(this.s[end] ?? '')) end++;
    } else if (isDigit(next) || (next && SPECIAL_PARAMS.includes(next))) end = this.i + 2;
    if (end < 0) return null;
    // mvdan reads a name on across a line continuation (`$X\<newline>Y`), with offsets of its own.
    if (this.s[end] === '\\' && this.s[end + 1] === '\n') throw GIVE_UP;
    this.i = end;
    return { t: 'param', name: this.s.slice(start + 1, end), short: true, start, end };
  }

  /** `${name}`, `${#name}`, `${!name}`, `${name[i]}`, `${name<op>word}`: only the name is read. */
  private braced(): Part {
    const start = this.i;
    let j = this.i + 2;
    const prefix = this.s[j];
    if (prefix === '#' || prefix === '!') {
      // `${#}` is the parameter `#`; `${#name}` the length of name.
      if (this.s[j + 1] !== '}') j++;
    }
    let name: string;
    const first = this.s[j] ?? '';
    if (isNameStart(first)) {
      let k = j;
      while (isNameChar(this.s[k] ?? '')) k++;
      name = this.s.slice(j, k);
      j = k;
    } else if (isDigit(first)) {
      let k = j;
      while (isDigit(this.s[k] ?? '')) k++;
      name = this.s.slice(j, k);
      j = k;
    } else if (first && SPECIAL_PARAMS.includes(first)) {
      name = first;
      j++;
    } else throw GIVE_UP;
    if (this.s[j] === '[') {
      const close = this.s.indexOf(']', j);
      if (close < 0 || /[\s'"`$\\{}]/.test(this.s.slice(j + 1, close))) throw GIVE_UP;
      j = close + 1;
    }
    if (this.s[j] === '}') {
      this.i = j + 1;
      return { t: 'param', name, short: false, start, end: this.i };
    }
    if (prefix === '#' || prefix === '!') throw GIVE_UP; // `${#x:-…}`, `${!x*}`: left to mvdan
    if (!':-=+?#%/^,@'.includes(this.s[j] ?? '\0')) throw GIVE_UP;
    if (this.s[j] === '@' && !/^@[A-Za-z]\}/.test(this.s.slice(j, j + 3))) throw GIVE_UP; // `${x@Q}`: one letter
    // `${x:offset:length}` is arithmetic to mvdan, checked as such: only plain numbers are read here.
    if (this.s[j] === ':' && !'-=+?'.includes(this.s[j + 1] ?? '\0')) {
      const close = this.s.indexOf('}', j);
      if (close < 0 || !/^:[0-9]+(:[0-9]+)?$/.test(this.s.slice(j, close))) throw GIVE_UP;
    }
    // The operand, up to the matching `}`: quotes and nested `${…}`/`$(…)` are skipped whole.
    this.i = j;
    for (;;) {
      const c = this.ch();
      if (!c) throw GIVE_UP;
      if (c === '}') {
        this.i++;
        return { t: 'param', name, short: false, start, end: this.i };
      }
      if (c === '\\') {
        if (this.i + 1 >= this.s.length) throw GIVE_UP;
        this.i += 2;
      } else if (c === "'" || c === '`' || c === '{') throw GIVE_UP;
      else if (c === '"') this.doubleQuoted();
      else if (c === '$') {
        if (!this.dollar(true)) this.i++;
      } else if (c === '\n') throw GIVE_UP;
      else this.i++;
    }
  }
}

/**
 * The parts of a word, or of a double-quoted string, as they are read: literal text runs from
 * where it starts (`literalFrom`) until a quote or an expansion is pushed after it.
 */
class Parts {
  readonly list: Part[] = [];
  private litStart = -1;
  constructor(private readonly s: string) {}

  get inLiteral(): boolean {
    return this.litStart >= 0;
  }

  literalFrom(i: number): void {
    if (this.litStart < 0) this.litStart = i;
  }

  /** Ends the literal text at `end`, then adds `part` (if any). */
  push(end: number, part?: Part): void {
    if (this.litStart >= 0) this.list.push({ t: 'lit', raw: this.s.slice(this.litStart, end), start: this.litStart, end });
    this.litStart = -1;
    if (part) this.list.push(part);
  }
}

function isMetaOrEnd(c: string | undefined): boolean {
  return c === undefined || isMeta(c);
}

/** The word's text when it is one unquoted literal without escapes. */
function plainLiteral(w: ShWord): string | null {
  if (w.parts.length !== 1) return null;
  const p = w.parts[0];
  return p.t === 'lit' && !p.raw.includes('\\') ? p.raw : null;
}

/** `NAME=value` or `NAME+=value` as a command's prefix; GIVE_UP for `NAME[i]=`, which mvdan refuses there. */
function assignment(w: ShWord): Assign | null | Unsupported {
  const first = w.parts[0];
  if (first.t !== 'lit') return null;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?=|\[)/.exec(first.raw);
  if (!m) return null;
  if (m[2] === '[') return GIVE_UP;
  const restRaw = first.raw.slice(m[0].length);
  const rest: Part[] = restRaw ? [{ t: 'lit', raw: restRaw, start: first.start + m[0].length, end: first.end }] : [];
  const parts = [...rest, ...w.parts.slice(1)];
  return { name: m[1], value: parts.length ? { parts } : null };
}
