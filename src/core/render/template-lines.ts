// Which template line produced a line of `helm template` output. Template lines are matched to
// rendered lines in order: a line without actions must appear as is, a line with actions matches
// with each `{{ … }}` standing for any text; a rendered line nothing matches came from an
// expression that prints YAML (toYaml, include, tpl) between the matched lines around it.

export type TemplateLineKind = 'blank' | 'static' | 'pattern' | 'control' | 'output';

export interface TemplateLine {
  line: number;
  text: string;
  kind: TemplateLineKind;
  regex: RegExp | null;
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
  return text.split('\n').map((raw, i) => {
    let t = raw.replace(/\r$/, '');
    const line = i + 1;
    if (open !== null) {
      // The rest of an action that began on an earlier line (a long include, a comment).
      const close = t.indexOf('}}');
      if (close < 0) return { line, text: t, kind: 'control', regex: null, blocks: [...stack] };
      control(open + t.slice(0, close));
      open = null;
      t = t.slice(close + 2);
      if (t.trim() === '') return { line, text: raw, kind: 'control', regex: null, blocks: [...stack] };
    }
    const blocks = [...stack];
    if (t.trim() === '') return { line, text: t, kind: 'blank', regex: null, blocks };
    if (!t.includes('{{')) return { line, text: t, kind: 'static', regex: null, blocks };
    const actions = [...t.matchAll(ACTION)];
    for (const a of actions) if (CONTROL.test(a[1])) control(a[1]);
    const unclosed = t.replace(ACTION, '').indexOf('{{');
    if (unclosed >= 0) open = t.replace(ACTION, '').slice(unclosed + 2);
    const rest = t.replace(ACTION, '').replace(/\{\{[\s\S]*$/, '').trim();
    const prints = actions.some((a) => !CONTROL.test(a[1])) || open !== null;
    // A line whose own text is only punctuation (`{{ $k }}: {{ $v }}`) says nothing about which
    // line it printed: it is an expression, not a pattern.
    if (!/[A-Za-z0-9]/.test(rest)) return { line, text: t, kind: prints ? 'output' : 'control', regex: null, blocks: [...stack] };
    const parts = t.trim().split(ACTION).filter((_, k) => k % 2 === 0);
    const body = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*?');
    return { line, text: t, kind: 'pattern', regex: new RegExp(`^${body}$`), blocks };
  });
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
 */
export function alignLines(rendered: string[], template: TemplateLine[], cursor = 0): { origins: LineOrigin[]; cursor: number } {
  const origins: LineOrigin[] = rendered.map(() => null);
  const matches = (r: string, t: TemplateLine) => (t.kind === 'static' ? t.text.trim() === r : t.kind === 'pattern' ? t.regex!.test(r) : false);
  let c = cursor;
  let prev: TemplateLine | null = cursor > 0 ? template[cursor - 1] ?? null : null;
  rendered.forEach((text, i) => {
    const r = text.trim();
    if (r === '' || r === '---') return;
    let hit = -1;
    for (let j = c; j < template.length && hit < 0; j++) if (matches(r, template[j]) && (!prev || compatible(prev, template[j]))) hit = j;
    // A line before the cursor: printed again by a range (or by the next document of the same template).
    for (let j = 0; j < c && hit < 0; j++) if (matches(r, template[j]) && (!prev || sameLoop(prev, template[j]) || i === firstLine(rendered))) hit = j;
    if (hit < 0) return;
    prev = template[hit];
    origins[i] = { line: template[hit].line, how: template[hit].kind === 'static' ? 'static' : 'pattern' };
    c = hit + 1;
  });
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

function firstLine(rendered: string[]): number {
  return rendered.findIndex((l) => l.trim() !== '' && l.trim() !== '---');
}
