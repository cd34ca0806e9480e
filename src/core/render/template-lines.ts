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
}

/** `output`: the only printing expression that can have produced the line; `guess`: the nearest of several. */
export type LineOrigin = { line: number; how: 'static' | 'pattern' | 'output' | 'guess' } | null;

const ACTION = /\{\{-?([\s\S]*?)-?\}\}/g;
const CONTROL = /^\s*(if|else|end|range|with|define|block|break|continue|\/\*|\$[\w]*\s*:?=)/;

export function classifyTemplate(text: string): TemplateLine[] {
  return text.split('\n').map((raw, i) => {
    const t = raw.replace(/\r$/, '');
    const line = i + 1;
    if (t.trim() === '') return { line, text: t, kind: 'blank', regex: null };
    if (!t.includes('{{')) return { line, text: t, kind: 'static', regex: null };
    const actions = [...t.matchAll(ACTION)];
    const rest = t.replace(ACTION, '').trim();
    if (rest === '') {
      const prints = actions.some((a) => !CONTROL.test(a[1]));
      return { line, text: t, kind: prints ? 'output' : 'control', regex: null };
    }
    const parts = t.trim().split(ACTION).filter((_, k) => k % 2 === 0);
    const body = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*?');
    return { line, text: t, kind: 'pattern', regex: new RegExp(`^${body}$`) };
  });
}

/**
 * Aligns rendered lines with template lines, in order. `cursor` is where the previous document of
 * the same template ended (templates that print several documents, or ranges).
 */
export function alignLines(rendered: string[], template: TemplateLine[], cursor = 0): { origins: LineOrigin[]; cursor: number } {
  const origins: LineOrigin[] = rendered.map(() => null);
  const matches = (r: string, t: TemplateLine) => (t.kind === 'static' ? t.text.trim() === r : t.kind === 'pattern' ? t.regex!.test(r) : false);
  let c = cursor;
  rendered.forEach((text, i) => {
    const r = text.trim();
    if (r === '' || r === '---') return;
    let hit = -1;
    for (let j = c; j < template.length && hit < 0; j++) if (matches(r, template[j])) hit = j;
    // A line before the cursor: printed again by a range.
    for (let j = 0; j < c && hit < 0; j++) if (matches(r, template[j])) hit = j;
    if (hit < 0) return;
    origins[i] = { line: template[hit].line, how: template[hit].kind === 'static' ? 'static' : 'pattern' };
    c = hit + 1;
  });
  // Lines nothing matched: the output expression between the template lines of their neighbours.
  for (let i = 0; i < rendered.length; i++) {
    if (origins[i] || rendered[i].trim() === '') continue;
    let before = 0;
    for (let k = i - 1; k >= 0; k--) if (origins[k] && (origins[k]!.how === 'static' || origins[k]!.how === 'pattern')) { before = origins[k]!.line; break; }
    let after = template.length + 1;
    for (let k = i + 1; k < rendered.length; k++) if (origins[k] && (origins[k]!.how === 'static' || origins[k]!.how === 'pattern')) { after = origins[k]!.line; break; }
    // When the next matched line lies before the previous one, a range started over in between:
    // the expression is after the previous line, up to the range's end.
    const outputs = template.filter((t) => t.kind === 'output' && t.line > before && (after <= before || t.line < after));
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
