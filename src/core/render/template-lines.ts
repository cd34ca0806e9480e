// Which template line produced a line of `helm template` output. Template lines are matched to
// rendered lines in order: a line without actions must appear as is, a line with actions matches
// with each `{{ … }}` standing for any text; a rendered line nothing matches came from an
// expression that prints YAML (toYaml, include, tpl) between the matched lines around it.

export type TemplateLineKind = 'blank' | 'static' | 'pattern' | 'control' | 'output';

export interface TemplateLine {
  line: number;
  text: string;
  kind: TemplateLineKind;
  /**
   * For a pattern line: its literal text between actions, in order; a rendered line matches when
   * it starts with the first, ends with the last and holds the others in order between. Matched
   * by indexOf, not a regex: `a.*?b.*?c…` backtracks exponentially on long lines (a Grafana
   * dashboard printed on one line took minutes), and template text is attacker-controlled.
   */
  parts: string[] | null;
  /**
   * Leading spaces of a line that begins with literal text: helm prints them as they are, so a
   * rendered line at another indentation did not come from it (a probe's `path: /` printed by
   * toYaml is not the `path: {{ … }}` of a volume 300 lines further down). Null when the line
   * begins with an action, which may print any indentation.
   */
  indent: number | null;
  /** The control blocks (if/with/range/define) the line is in, outermost first, with the branch it is in. */
  blocks: { id: number; range: boolean; branch: number }[];
}

/** `output`: the only printing expression that can have produced the line; `guess`: the nearest of several. */
export type LineOrigin = { line: number; how: 'static' | 'pattern' | 'output' | 'guess' } | null;

const ACTION = /\{\{-?([\s\S]*?)-?\}\}/g;
const CONTROL = /^\s*(if|else|end|range|with|define|block|break|continue|\/\*|\$[\w]*\s*:?=)/;

export function classifyTemplate(text: string): TemplateLine[] {
  const stack: { id: number; range: boolean; branch: number }[] = [];
  let nextId = 0;
  let open: string | null = null; // an action that spans lines, until its }}
  const control = (body: string) => {
    const word = /^\s*(\w+)/.exec(body.replace(/^\s*-/, ''))?.[1];
    if (word === 'if' || word === 'with' || word === 'range' || word === 'define' || word === 'block') stack.push({ id: nextId++, range: word === 'range', branch: 0 });
    else if (word === 'else' && stack.length) stack[stack.length - 1] = { ...stack[stack.length - 1], branch: stack[stack.length - 1].branch + 1 };
    else if (word === 'end') stack.pop();
  };
  return text.split('\n').map((raw, i) => withIndent(classifyLine(raw, i)));
  function classifyLine(raw: string, i: number): Omit<TemplateLine, 'indent'> {
    let t = raw.replace(/\r$/, '');
    const line = i + 1;
    if (open !== null) {
      // The rest of an action that began on an earlier line (a long include, a comment).
      const close = t.indexOf('}}');
      if (close < 0) return { line, text: t, kind: 'control', parts: null, blocks: [...stack] };
      control(open + t.slice(0, close));
      open = null;
      t = t.slice(close + 2);
      if (t.trim() === '') return { line, text: raw, kind: 'control', parts: null, blocks: [...stack] };
    }
    const blocks = [...stack];
    if (t.trim() === '') return { line, text: t, kind: 'blank', parts: null, blocks };
    if (!t.includes('{{')) return { line, text: t, kind: 'static', parts: null, blocks };
    const actions = [...t.matchAll(ACTION)];
    for (const a of actions) if (CONTROL.test(a[1])) control(a[1]);
    const unclosed = t.replace(ACTION, '').indexOf('{{');
    if (unclosed >= 0) open = t.replace(ACTION, '').slice(unclosed + 2);
    const rest = t.replace(ACTION, '').replace(/\{\{[\s\S]*$/, '').trim();
    const prints = actions.some((a) => !CONTROL.test(a[1])) || open !== null;
    // A line whose own text is only punctuation (`{{ $k }}: {{ $v }}`) says nothing about which
    // line it printed: it is an expression, not a pattern.
    if (!/[A-Za-z0-9]/.test(rest)) return { line, text: t, kind: prints ? 'output' : 'control', parts: null, blocks: [...stack] };
    const parts = t.trim().split(ACTION).filter((_, k) => k % 2 === 0);
    return { line, text: t, kind: 'pattern', parts, blocks };
  }
}

function withIndent(l: Omit<TemplateLine, 'indent'>): TemplateLine {
  const m = /^( *)(.)/.exec(l.text);
  const literal = (l.kind === 'static' || l.kind === 'pattern') && m !== null && !l.text.startsWith('{{', m[1].length);
  return { ...l, indent: literal ? m![1].length : null };
}

/** Two lines can print one after the other unless they sit in different branches of one if/with. */
function compatible(a: TemplateLine, b: TemplateLine): boolean {
  for (const x of a.blocks) {
    const y = b.blocks.find((z) => z.id === x.id);
    if (y && y.branch !== x.branch) return false;
  }
  return true;
}

function sameBlocks(a: TemplateLine, b: TemplateLine): boolean {
  return a.blocks.length === b.blocks.length && a.blocks.every((x, i) => x.id === b.blocks[i].id && x.branch === b.blocks[i].branch);
}

/** A line before the previous one prints again only in a loop that holds both. */
function sameLoop(a: TemplateLine, b: TemplateLine): boolean {
  return a.blocks.some((x) => x.range && b.blocks.some((y) => y.id === x.id));
}

/**
 * Aligns rendered lines with template lines, in order. `cursor` is where the previous document of
 * the same template ended (templates that print several documents, or ranges).
 *
 * Two alignments, and the one that places more lines wins: one sweep over literal and pattern
 * lines together, and literal lines first as anchors with patterns only between them. The sweep
 * loses its place when a generic pattern far ahead (`- key: {{ … }}` of a volume) takes a line an
 * expression printed (a toYaml'd affinity); the anchors lose theirs when a literal line also
 * stands in a block that did not print (an `if` around a sidecar), where the pattern before it
 * would have led.
 */
export function alignLines(rendered: string[], template: TemplateLine[], cursor = 0): { origins: LineOrigin[]; cursor: number } {
  const one = alignOnce(rendered, template, cursor, false);
  const two = alignOnce(rendered, template, cursor, true);
  const placed = (o: LineOrigin[]) => o.filter((x) => x !== null).length;
  const { origins, cursor: c } = placed(two.origins) > placed(one.origins) ? two : one;
  const matched = new Set(origins.filter((o) => o !== null).map((o) => o!.line));
  // Lines nothing matched: the output expression between the template lines of their neighbours.
  for (let i = 0; i < rendered.length; i++) {
    if (origins[i] || rendered[i].trim() === '') continue;
    let before = 0;
    for (let k = i - 1; k >= 0; k--) if (origins[k] && (origins[k]!.how === 'static' || origins[k]!.how === 'pattern')) { before = origins[k]!.line; break; }
    let after = template.length + 1;
    for (let k = i + 1; k < rendered.length; k++) if (origins[k] && (origins[k]!.how === 'static' || origins[k]!.how === 'pattern')) { after = origins[k]!.line; break; }
    // When the next matched line lies before the previous one, a range started over in between:
    // the expression is after the previous line, up to the range's end.
    const lineAt = (n: number) => template[n - 1];
    const outputs = template.filter(
      (t) =>
        t.kind === 'output' &&
        t.line > before &&
        (after <= before || t.line < after) &&
        // In the same branches as the matched lines around it.
        (!before || compatible(lineAt(before), t)) &&
        (after > template.length || compatible(t, lineAt(after))) &&
        // Text in exactly the same blocks prints whenever the expression does: if such a line
        // between is missing from the output, so is the expression's.
        !template.some((x) => (x.kind === 'static' || x.kind === 'pattern') && x.line > before && x.line < t.line && sameBlocks(x, t) && !matched.has(x.line)),
    );
    if (outputs.length === 1) origins[i] = { line: outputs[0].line, how: 'output' };
    else if (outputs.length > 1) {
      // `nindent N` prints its YAML at column N and deeper: the expression with the largest N
      // that is not deeper than the line.
      const indent = rendered[i].length - rendered[i].trimStart().length;
      const width = (t: TemplateLine) => Number(/\bn?indent\s+(\d+)/.exec(t.text)?.[1] ?? -1);
      const fitting = outputs.filter((t) => width(t) >= 0 && width(t) <= indent);
      const best = Math.max(...fitting.map(width));
      const same = fitting.filter((t) => width(t) === best);
      origins[i] = same.length === 1 ? { line: same[0].line, how: 'output' } : { line: outputs[0].line, how: 'guess' };
    }
  }
  return { origins, cursor: c };
}

/** `parts[0] * parts[1] * … * parts[n]`, anchored at both ends; leftmost matches are enough for `*`. */
export function matchesParts(text: string, parts: string[]): boolean {
  if (parts.length === 1) return text === parts[0];
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (!text.startsWith(first) || text.length < first.length + last.length || !text.endsWith(last)) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (let k = 1; k < parts.length - 1; k++) {
    const i = text.indexOf(parts[k], at);
    if (i < 0 || i + parts[k].length > end) return false;
    at = i + parts[k].length;
  }
  return true;
}

function alignOnce(rendered: string[], template: TemplateLine[], cursor: number, anchored: boolean): { origins: LineOrigin[]; cursor: number } {
  const origins: LineOrigin[] = rendered.map(() => null);
  const hits: number[] = rendered.map(() => -1);
  if (!anchored) return { origins, cursor: sweep(rendered, template, cursor, origins, hits, 'both', () => template.length) };
  sweep(rendered, template, cursor, origins, hits, 'static', () => template.length);
  // The template index of the next anchored line after each rendered line.
  const nextAnchor: number[] = rendered.map(() => template.length);
  for (let i = rendered.length - 2, next = hits[rendered.length - 1] >= 0 ? hits[rendered.length - 1] : template.length; i >= 0; i--) {
    nextAnchor[i] = next;
    if (hits[i] >= 0) next = hits[i];
  }
  return { origins, cursor: sweep(rendered, template, cursor, origins, hits, 'pattern', (i, from) => (nextAnchor[i] >= from ? nextAnchor[i] : template.length)) };
}

/** One sweep of alignLines over template lines of one kind; lines anchored earlier move the cursor. */
function sweep(rendered: string[], template: TemplateLine[], start: number, origins: LineOrigin[], hits: number[], kind: 'static' | 'pattern' | 'both', end: (i: number, from: number) => number): number {
  const matches = (r: string, indent: number, t: TemplateLine) =>
    (kind === 'both' ? t.kind === 'static' || t.kind === 'pattern' : t.kind === kind) && (t.indent === null || t.indent === indent) && (t.kind === 'static' ? t.text.trim() === r : matchesParts(r, t.parts!));
  let c = start;
  let prev: TemplateLine | null = start > 0 ? template[start - 1] ?? null : null;
  const first = firstLine(rendered);
  rendered.forEach((text, i) => {
    const r = text.trim();
    if (r === '' || r === '---') return;
    if (hits[i] >= 0) {
      prev = template[hits[i]];
      c = hits[i] + 1;
      return;
    }
    const indent = text.length - text.trimStart().length;
    let hit = -1;
    const until = end(i, c);
    for (let j = c; j < until && hit < 0; j++) if (matches(r, indent, template[j]) && (!prev || compatible(prev, template[j]))) hit = j;
    // A line before the cursor: printed again by a range (or by the next document of the same template).
    for (let j = 0; j < c && hit < 0; j++) if (matches(r, indent, template[j]) && (!prev || sameLoop(prev, template[j]) || i === first)) hit = j;
    if (hit < 0) return;
    prev = template[hit];
    hits[i] = hit;
    origins[i] = { line: template[hit].line, how: template[hit].kind === 'static' ? 'static' : 'pattern' };
    c = hit + 1;
  });
  return c;
}

function firstLine(rendered: string[]): number {
  return rendered.findIndex((l) => l.trim() !== '' && l.trim() !== '---');
}
