// Kubernetes suppression forms: riskgate's comment and annotation, and the annotations teams
// already have from kube-linter, Checkov, Kubescape, Polaris, kube-score and Datree.

import { normalizeRef, objectKey, parseOwnDirective, type Directive } from '../suppress.js';
import type { LineIndex } from '../text.js';
import type { KubeObject } from './objects.js';
import { YScalar } from "../yaml/ast.js";

const COMMENT = /(^|\s)#\s*(riskgate-ignore\b.*)$/;

/** `# riskgate-ignore …` on the offending line, or on comment lines directly above it. */
export function commentDirectives(file: string, lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  const text = lines.text;
  if (!text.includes('riskgate-ignore')) return out;
  for (let line = 1; line <= lines.lineCount; line++) {
    const l = lines.lineText(line);
    if (!l.includes('riskgate-ignore')) continue;
    const m = COMMENT.exec(l);
    if (!m) continue;
    const parsed = parseOwnDirective(m[2]);
    if (!parsed) continue;
    const hashCol = m.index + m[1].length + 1;
    const commentOnly = l.slice(0, hashCol - 1).trim() === '';
    let last = line;
    if (commentOnly) {
      // Applies to the next line that is not a comment or blank.
      last = line + 1;
      while (last <= lines.lineCount && /^\s*(#.*)?$/.test(lines.lineText(last))) last++;
    }
    out.push({
      file,
      targets: parsed.targets,
      reason: parsed.reason,
      expires: parsed.expires,
      by: 'riskgate-ignore',
      scope: { lines: [line, last] },
      line,
      column: hashCol,
      endColumn: l.length + 1,
      requiresReason: true,
    });
  }
  return out;
}

/** Annotations on the object and on its pod template. */
export function annotationDirectives(o: KubeObject, lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  const key = objectKey(o.path, o.documentIndex, o.itemIndex);
  const maps = [o.metadata?.map('annotations'), o.pod && o.pod.metadata !== o.metadata ? o.pod.metadata?.map('annotations') : undefined];
  for (const ann of maps) {
    if (!ann) continue;
    const values = new Map<string, string>();
    for (const p of ann.pairs) if (p.value instanceof YScalar) values.set(p.keyText, p.value.value === null ? '' : String(p.value.text));
    for (const p of ann.pairs) {
      const name = p.keyText;
      const value = values.get(name) ?? '';
      const pos = lines.span(p.start, p.end);
      const add = (targets: string[], reason: string, by: string, expires: string | null = null, requiresReason = false) =>
        out.push({ file: o.path, targets, reason, by, expires, scope: { object: key }, line: pos.line, column: pos.column, endColumn: pos.endLine === pos.line ? pos.endColumn : pos.column + name.length, requiresReason });
      if (name === 'riskgate.dev/ignore') {
        const parsed = parseOwnDirective(`riskgate-ignore ${value}`);
        if (parsed) add(parsed.targets, parsed.reason, 'annotation:riskgate.dev/ignore', parsed.expires, true);
      } else if (name.startsWith('ignore-check.kube-linter.io/')) {
        add([normalizeRef(`kube-linter:${name.slice('ignore-check.kube-linter.io/'.length)}`)], value, `annotation:${name}`);
      } else if (name === 'kube-linter.io/ignore-all') {
        add(['*'], value, `annotation:${name}`);
      } else if (/^checkov\.io\/skip\d*$/.test(name)) {
        const [id, ...rest] = value.split('=');
        add([normalizeRef(`checkov:${id.trim()}`)], rest.join('=').trim(), `annotation:${name}`);
      } else if (name === 'kubescape.io/skip-controls') {
        const ids = value.split(/[\s,]+/).filter(Boolean).map((c) => normalizeRef(`kubescape:${c}`));
        add(ids, values.get('kubescape.io/skip-reason') ?? '', `annotation:${name}`, values.get('kubescape.io/skip-expiry') ?? null);
      } else if (name === 'polaris.fairwinds.com/exempt' && /^true$/i.test(value)) {
        add(['*'], 'exempted by Polaris annotation', `annotation:${name}`);
      } else if (/^polaris\.fairwinds\.com\/.+-exempt$/.test(name) && /^true$/i.test(value)) {
        const check = name.slice('polaris.fairwinds.com/'.length, -'-exempt'.length);
        add([normalizeRef(`polaris:${check}`)], 'exempted by Polaris annotation', `annotation:${name}`);
      } else if (name === 'kube-score/ignore') {
        const ids = value.split(/[\s,]+/).filter(Boolean).map((c) => normalizeRef(`kube-score:${c}`));
        add(ids, 'ignored by kube-score annotation', `annotation:${name}`);
      } else if (name.startsWith('datree.skip/')) {
        add([normalizeRef(`datree:${name.slice('datree.skip/'.length)}`)], value, `annotation:${name}`);
      }
    }
  }
  return out;
}

