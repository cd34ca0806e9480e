// What a rendered finding becomes: the same finding, placed on the file and line a person edits.

import { readFileSync } from 'node:fs';
import { fromText, type SourceFile } from '../source-file.js';
import type { Finding, Fix, MappingPrecision, RenderedFrom } from '../types.js';
import type { Span } from '../text.js';
import { YScalar, type YNode } from '../yaml/ast.js';
import { findingIdentity } from '../fix/fix-files.js';
import { applyEdits } from '../fix/apply.js';
import { renderConcurrency } from './run-tool.js';

export interface Placement {
  /** Absolute path of the file to report in. */
  file: string;
  span: Span;
  precision: MappingPrecision;
  /** Why the place is not exact, or how it was found, for the finding's notes. */
  note: string | null;
  /** The finding's fix, moved onto this file (offsets in it), when it could be. */
  fix: Fix | null;
}

/** Source files read for placing findings, by absolute path, shared by one scan. */
export class SourceCache {
  private readonly files = new Map<string, SourceFile | null>();
  constructor(private readonly display: (abs: string) => string) {}

  get(abs: string): SourceFile | null {
    if (!this.files.has(abs)) {
      let file: SourceFile | null = null;
      try {
        file = { ...fromText(this.display(abs), readFileSync(abs, 'utf8').replace(/^\ufeff/, '')), absPath: abs };
      } catch {
        file = null;
      }
      this.files.set(abs, file);
    }
    return this.files.get(abs) ?? null;
  }

  /** The files findings were placed in, by display path, for code frames and suggestions. */
  byDisplayPath(): Map<string, SourceFile> {
    const out = new Map<string, SourceFile>();
    for (const f of this.files.values()) if (f) out.set(f.path, f);
    return out;
  }
}

export function placeFinding(f: Finding, p: Placement, from: Omit<RenderedFrom, 'precision'>, display: (abs: string) => string): Finding {
  const notes = [...(f.notes ?? [])];
  if (p.note) notes.push(p.note);
  const out: Finding = {
    ...f,
    path: display(p.file),
    line: p.span.line,
    column: p.span.column,
    endLine: p.span.endLine,
    endColumn: p.span.endColumn,
    fix: p.fix ? { ...p.fix, unsafe: f.fix?.unsafe ?? p.fix.unsafe } : null,
    rendered: { ...from, precision: p.precision },
  };
  if (notes.length) out.notes = notes;
  else delete out.notes;
  return out;
}

/** The span of a whole line, from its first non-blank character. */
export function lineSpan(file: SourceFile, line: number): Span {
  const text = file.lines.lineText(line);
  const indent = text.length - text.trimStart().length;
  return { line, column: indent + 1, endLine: line, endColumn: text.length + 1 };
}

/** Unsuppressed findings by identity (rule, resource, container): what a fix may remove but never add. */
export function counts(findings: Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) if (!f.suppressed) m.set(findingIdentity(f), (m.get(findingIdentity(f)) ?? 0) + 1);
  return m;
}

/** A fix is kept when rendering with it applied loses its finding and gains no other. */
export function fixKept(finding: Finding, before: Map<string, number>, after: Map<string, number>): boolean {
  const id = findingIdentity(finding);
  if ((after.get(id) ?? 0) >= (before.get(id) ?? 0)) return false;
  for (const [k, n] of after) if (n > (before.get(k) ?? 0)) return false;
  return true;
}

/** Moved fixes proved per chart or root: each costs a render. */
const MAX_PROVED_EDITS = 40;

/** One file as a moved fix would leave it, and the findings a render with it gave (null: not rendered, or it failed). */
export interface EditToProve {
  file: string;
  text: string;
  after: Map<string, number> | null;
}

/**
 * Which placed fixes stand: every distinct edit (the fixed file's whole text; at most
 * MAX_PROVED_EDITS, in order) is rendered once, in rounds of up to renderConcurrency() edits that
 * `renderRound` renders at once (one copy of the chart or root per edit) and scans, recording
 * `after`; a fix stays when its finding is gone and nothing new appeared (fixKept). Shared by the
 * Helm and Kustomize mappers, which differ only in how they render a copy.
 */
export function proveMovedFixes(items: { finding: Finding; placement: Placement }[], cache: SourceCache, before: Map<string, number>, renderRound: (batch: EditToProve[]) => void): boolean[] {
  const edits = new Map<string, EditToProve>();
  const keys = items.map(({ placement: p }) => {
    const file = p.fix ? cache.get(p.file) : undefined;
    if (!p.fix || !file) return null;
    const text = applyEdits(file.text, p.fix.edits);
    const key = `${p.file}\0${text}`;
    if (!edits.has(key) && edits.size < MAX_PROVED_EDITS) edits.set(key, { file: p.file, text, after: null });
    return key;
  });
  const todo = [...edits.values()];
  const slots = renderConcurrency();
  for (let i = 0; i < todo.length; i += slots) renderRound(todo.slice(i, i + slots));
  return items.map(({ finding }, i) => {
    const after = keys[i] ? edits.get(keys[i]!)?.after : null;
    return Boolean(after) && fixKept(finding, before, after!);
  });
}

/**
 * A fix that only replaces one value moves to wherever that value is written (a values key, a
 * patch): the same replacement there. Anything else (inserted keys, removed lines) stays put.
 */
export function moveValueFix(fix: Fix | null, rendered: YNode | null, target: { start: number; end: number }): Fix | null {
  if (!fix || !rendered || fix.edits.length !== 1) return null;
  const e = fix.edits[0];
  if (e.start === rendered.start && e.end === rendered.end) return { ...fix, edits: [{ start: target.start, end: target.end, text: e.text }] };
  // Removing a `flag: true` line (hostNetwork, hostPID) is, where the value is set elsewhere, setting it false.
  const pair = rendered.pair;
  if (pair && e.text === '' && e.start <= pair.start && e.end >= pair.end && rendered instanceof YScalar && rendered.value === true)
    return { ...fix, description: `${fix.description} (here: set it to false)`, edits: [{ start: target.start, end: target.end, text: 'false' }] };
  return null;
}
