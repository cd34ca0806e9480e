// Dockerfile suppression forms: riskgate's own comment, and the pragmas teams already have
// from hadolint, Checkov, Trivy and KICS, mapped through each rule's references.

import { normalizeRef, parseOwnDirective, type Directive } from '../suppress.js';
import type { DockerModel, Instr } from './model.js';

export function dockerfileDirectives(model: DockerModel): Directive[] {
  const out: Directive[] = [];
  const file = model.file.path;
  const lines = model.file.lines;
  const nextInstruction = (line: number): Instr | undefined => model.instructions.find((i) => i.line > line);
  const linesOf = (i: Instr | undefined): [number, number] => (i ? [i.line, lines.position(i.end).line] : [0, -1]);

  for (const c of model.comments) {
    const text = c.text.trim();
    const base = { file, line: c.line, column: lines.position(c.start).column, endColumn: lines.position(c.end).column };
    const own = parseOwnDirective(text);
    if (own) {
      out.push({ ...base, targets: own.targets, reason: own.reason, expires: own.expires, by: 'riskgate-ignore', scope: { lines: linesOf(nextInstruction(c.line)) }, requiresReason: true });
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = /^hadolint\s+(global\s+)?ignore=([\w,\s-]+)$/i.exec(text))) {
      const targets = m[2].split(/[\s,]+/).filter(Boolean).map((id) => normalizeRef(/^(DL|SC)\d+$/i.test(id) ? `hadolint:${id}` : `hadolint:${id}`));
      out.push({ ...base, targets, reason: 'hadolint ignore pragma', expires: null, by: `hadolint ${m[1] ? 'global ' : ''}ignore`, scope: m[1] ? { file: true } : { lines: linesOf(nextInstruction(c.line)) }, requiresReason: false });
    } else if ((m = /^checkov:skip=([A-Z0-9_]+)(?::(.*))?$/i.exec(text))) {
      // Checkov documents its Dockerfile skip as file-wide, wherever the comment sits.
      out.push({ ...base, targets: [normalizeRef(`checkov:${m[1]}`)], reason: (m[2] ?? '').trim(), expires: null, by: 'checkov:skip', scope: { file: true }, requiresReason: false });
    } else if ((m = /^trivy:ignore:([A-Za-z0-9-]+)(?::exp:(\d{4}-\d{2}-\d{2}))?/i.exec(text))) {
      out.push({ ...base, targets: [normalizeRef(`trivy:${m[1]}`)], reason: 'trivy ignore comment', expires: m[2] ?? null, by: 'trivy:ignore', scope: { lines: linesOf(nextInstruction(c.line)) }, requiresReason: false });
    } else if ((m = /^kics-scan\s+(ignore-line|ignore-block|ignore|disable=([\w,\s-]+))\s*$/i.exec(text))) {
      const kind = m[1].toLowerCase();
      if (kind === 'ignore') out.push({ ...base, targets: ['*'], reason: 'kics-scan ignore', expires: null, by: 'kics-scan ignore', scope: { file: true }, requiresReason: false });
      else if (kind.startsWith('disable=')) out.push({ ...base, targets: m[2].split(/[\s,]+/).filter(Boolean).map((u) => normalizeRef(`kics:${u}`)), reason: 'kics-scan disable', expires: null, by: 'kics-scan disable', scope: { file: true }, requiresReason: false });
      else out.push({ ...base, targets: ['*'], reason: `kics-scan ${kind}`, expires: null, by: `kics-scan ${kind}`, scope: { lines: linesOf(nextInstruction(c.line)) }, requiresReason: false });
    }
  }
  return out;
}
