// Suppressions, shared by every file type. A directive names riskgate rule IDs or peer IDs
// (mapped through each rule's `references`), has a scope (lines, an object, a whole file),
// a reason and an optional expiry. Parsing the different syntaxes lives with each file type.

import type { Finding } from './types.js';
import { append } from './util/append.js';

export interface Directive {
  /** The file the directive is written in. */
  file: string;
  /** riskgate rule IDs and/or normalized peer refs (`checkov:ckv_k8s_16`); `*` matches every rule. */
  targets: string[];
  reason: string;
  by: string;
  /** ISO date (YYYY-MM-DD or RFC 3339); the directive stops applying after it. */
  expires: string | null;
  scope: { lines: [number, number] } | { object: string } | { file: true };
  /** Where the directive itself is, so a directive without a reason can be reported. */
  line: number;
  column: number;
  endColumn: number;
  /** Whether riskgate requires a reason for this form (its own syntax does). */
  requiresReason: boolean;
}

/** Canonical form of a peer reference: case-insensitive, Trivy's `KSV-0017`/`KSV017` alike. */
export function normalizeRef(ref: string): string {
  const i = ref.indexOf(':');
  if (i < 0) return ref.toLowerCase();
  const tool = ref.slice(0, i).toLowerCase();
  let id = ref.slice(i + 1).trim().toLowerCase();
  if (tool === 'trivy') id = id.replace(/^avd-/, '').replace(/^([a-z]+)-?0*(\d+)$/, '$1$2');
  if (tool === 'hadolint') id = id.replace(/^dl0*(\d+)$/, 'dl$1');
  return `${tool}:${id}`;
}

export function objectKey(path: string, documentIndex: number, itemIndex: number | null): string {
  return `${path}#${documentIndex}${itemIndex === null ? '' : `.${itemIndex}`}`;
}

export interface SuppressionTarget {
  file: string;
  ruleId: string;
  references: string[];
  line: number;
  objectKey: string | null;
}

/**
 * Marks findings suppressed (or notes an expired suppression). Returns the directives that
 * matched nothing, for `--report-unused` style diagnostics later.
 */
export function applyDirectives(findings: { finding: Finding; target: SuppressionTarget }[], directives: Directive[], today: string): void {
  if (directives.length === 0) return;
  // A directive applies in its own file only: each finding looks at its file's directives, in
  // order (a search of every directive per finding was quadratic in a large repository).
  const byFile = new Map<string, Directive[]>();
  for (const d of directives) append(byFile, d.file, d);
  for (const { finding, target } of findings) {
    const here = byFile.get(target.file);
    if (!here) continue;
    const refs = new Set([target.ruleId, ...target.references.map(normalizeRef)]);
    for (const d of here) {
      if (!inScope(d, target)) continue;
      if (!d.targets.some((t) => t === '*' || refs.has(t))) continue;
      if (d.expires && d.expires.slice(0, 10) < today) {
        (finding.notes ??= []).push(`suppression (${d.by}) expired on ${d.expires.slice(0, 10)}: ${d.reason || 'no reason given'}`);
        continue;
      }
      finding.suppressed = { by: d.by, reason: d.reason, line: d.line };
      break;
    }
  }
}

function inScope(d: Directive, t: SuppressionTarget): boolean {
  if (d.file !== t.file) return false;
  if ('file' in d.scope) return true;
  if ('object' in d.scope) return t.objectKey === d.scope.object;
  return t.line >= d.scope.lines[0] && t.line <= d.scope.lines[1];
}

/**
 * riskgate's own syntax: `riskgate-ignore <id>[,<id>…] [until=YYYY-MM-DD] -- <reason>`.
 * Returns null when `text` is not such a directive.
 */
export function parseOwnDirective(text: string): { targets: string[]; reason: string; expires: string | null } | null {
  const m = /^riskgate-ignore(?:\s+|$)(.*)$/.exec(text.trim());
  if (!m) return null;
  let body = m[1];
  let reason = '';
  const sep = body.indexOf('--');
  if (sep >= 0) {
    reason = body.slice(sep + 2).trim();
    body = body.slice(0, sep);
  }
  let expires: string | null = null;
  const until = /\buntil=(\S+)/.exec(body) ?? /\buntil=(\d{4}-\d{2}-\d{2})\b/.exec(reason);
  if (until) {
    expires = until[1];
    body = body.replace(until[0], '');
    reason = reason.replace(until[0], '').trim();
  }
  const targets = body
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (s.includes(':') ? normalizeRef(s) : s));
  return { targets, reason, expires };
}

export function isValidDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s.slice(0, 10)));
}
