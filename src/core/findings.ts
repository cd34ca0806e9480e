// Builds findings from what rules report: exact span, stable fingerprint, rule metadata.

import { createHash } from 'node:crypto';
import { YPair, type YNode } from './yaml/ast.js';
import type { LineIndex, Span } from './text.js';
import type { Finding, Fix, ResourceRef, Severity } from './types.js';
import type { RuleMeta } from './rule.js';

export interface ActiveRule<R = unknown> {
  rule: R;
  meta: RuleMeta;
  severity: Severity;
  params: Record<string, string | number | boolean | string[]>;
}

export function nodeSpan(lines: LineIndex, at: YNode | YPair, keyOnly = false): Span {
  if (at instanceof YPair) return keyOnly ? lines.span(at.key.start, at.key.end) : lines.span(at.start, at.end);
  return lines.span(at.start, at.end);
}

/**
 * A fingerprint that survives unrelated edits: it hashes what the finding is about (rule,
 * file, resource, container, the offending text) but not where the text sits in the file.
 */
export function fingerprintOf(ruleId: string, path: string, resource: ResourceRef | null, container: string | null, snippet: string, occurrence: number): string {
  const norm = snippet.replace(/\s+/g, ' ').trim().slice(0, 300);
  const r = resource ? `${resource.kind}/${resource.namespace ?? ''}/${resource.name}` : '';
  return createHash('sha256').update(`${ruleId}\0${path}\0${r}\0${container ?? ''}\0${norm}\0${occurrence}`).digest('hex').slice(0, 32);
}

export class FindingCollector {
  readonly findings: Finding[] = [];
  private readonly occurrences = new Map<string, number>();

  add(args: {
    active: ActiveRule;
    path: string;
    span: Span;
    snippet: string;
    message: string;
    resource: ResourceRef | null;
    container: string | null;
    fix?: Fix | null;
  }): Finding {
    const { active, path, span, snippet, message, resource, container } = args;
    const base = `${active.meta.id}\0${path}\0${resource?.kind}/${resource?.namespace}/${resource?.name}\0${container}\0${snippet.replace(/\s+/g, ' ').trim()}`;
    const n = this.occurrences.get(base) ?? 0;
    this.occurrences.set(base, n + 1);
    const finding: Finding = {
      ruleId: active.meta.id,
      severity: active.severity,
      title: active.meta.title,
      message,
      path,
      ...span,
      resource,
      container,
      references: active.meta.references,
      suppressed: null,
      fingerprint: fingerprintOf(active.meta.id, path, resource, container, snippet, n),
      fix: args.fix ?? null,
    };
    this.findings.push(finding);
    return finding;
  }
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
