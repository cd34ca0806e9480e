// Variables in RUN scripts, expanded as the shell in that build expands them. Docker passes the
// stage's ARG and ENV values to RUN as environment, so `ENV FETCH="curl -k"` then `RUN $FETCH …`
// runs curl with -k, and `ARG INSECURE=--no-check-certificate` then `wget $INSECURE …` turns
// verification off: rules read the expanded words, so no setting hides behind a variable.
//
// What is expanded: `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}` and
// `${NAME+word}` of variables the Dockerfile declares in scope (scopeAt). Unquoted results are
// split into fields on whitespace, quoted ones are not. A variable the Dockerfile does not
// declare may come from the base image's environment or the builder: such a word stays as it is
// (dynamic), unless it gives a default word (`${X:-word}`, the shell's value for an unset X); so
// does anything else with a `$` (command substitution, `$1`, `${#X}`).

export interface ScopedVar {
  /** null: declared without a value (an ARG with no default): unknown unless a default word is given. */
  value: string | null;
  line: number;
  keyword: string;
}

export interface Expansion {
  fields: string[];
  /** The variables the word read, with the line that declared each. */
  used: { name: string; line: number; keyword: string }[];
}

/** Expands one shell word as written (quotes included). Null: not expandable from what the Dockerfile declares. */
export function expandWord(raw: string, scope: Map<string, ScopedVar>): Expansion | null {
  // Pieces of the result: literal text never splits; an unquoted expansion does.
  const pieces: { text: string; split: boolean }[] = [];
  const used: Expansion['used'] = [];
  let quoted = false;
  let i = 0;
  const lit = (t: string) => pieces.push({ text: t, split: false });
  while (i < raw.length) {
    const ch = raw[i];
    if (ch === "'" && !quoted) {
      const close = raw.indexOf("'", i + 1);
      if (close < 0) return null;
      lit(raw.slice(i + 1, close));
      i = close + 1;
      continue;
    }
    if (ch === '"') {
      quoted = !quoted;
      lit('');
      i++;
      continue;
    }
    if (ch === '\\') {
      const next = raw[i + 1];
      if (next === '\n') {
        i += 2;
        continue;
      }
      if (next !== undefined && (!quoted || '$`"\\'.includes(next))) {
        lit(next);
        i += 2;
        continue;
      }
      lit(ch);
      i++;
      continue;
    }
    if (ch === '`') return null;
    if (ch === '$') {
      const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(raw.slice(i));
      if (!m) return null;
      const name = m[1] ?? m[4];
      const op = m[2];
      // Not declared in the Dockerfile: unknown (the base image may set it), except that a
      // default word is what the shell gives an unset variable.
      const v = scope.get(name) ?? (op === ':-' || op === '-' || op === ':+' || op === '+' ? { value: null, line: 0, keyword: '' } : undefined);
      if (!v) return null;
      used.push({ name, line: v.line, keyword: v.keyword });
      const set = v.value !== null && (op?.startsWith(':') ? v.value !== '' : true);
      let text: string;
      if (op === ':-' || op === '-') {
        const word = op === '-' && v.value === null ? m[3] : set ? v.value! : m[3];
        if (m[3].includes('$')) return null;
        text = word;
      } else if (op === ':+' || op === '+') {
        if (m[3].includes('$')) return null;
        text = set ? m[3] : '';
      } else {
        if (v.value === null) return null;
        text = v.value;
      }
      pieces.push({ text, split: !quoted });
      i += m[0].length;
      continue;
    }
    lit(ch);
    i++;
  }
  if (quoted) return null;
  // Field splitting: whitespace inside unquoted expansions separates fields.
  const fields: string[] = [];
  let cur = '';
  let started = false;
  for (const p of pieces) {
    if (!p.split) {
      cur += p.text;
      started = true;
      continue;
    }
    const parts = p.text.split(/[ \t\n]+/);
    parts.forEach((part, k) => {
      if (k > 0) {
        if (started) fields.push(cur);
        cur = '';
        started = false;
      }
      if (part) {
        cur += part;
        started = true;
      }
    });
  }
  if (started) fields.push(cur);
  return { fields, used };
}
