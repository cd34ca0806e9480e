// What a rendered finding becomes: the same finding, placed on the file and line a person edits.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fromText, type SourceFile } from '../source-file.js';
import type { Finding, Fix, MappingPrecision, RenderedFrom, TextEdit } from '../types.js';
import type { Span } from '../text.js';
import { YScalar, type YNode } from '../yaml/ast.js';
import { findingIdentity } from '../findings.js';
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


/** Moved fixes proved per chart or root (distinct edits considered). */
const MAX_PROVED_EDITS = 40;

/** Files as a set of moved fixes would leave them, and the findings a render with them gave (null: not rendered, or it failed). */
export interface EditToProve {
  files: { file: string; text: string }[];
  after: Map<string, number> | null;
}

interface Candidate {
  file: string;
  edits: TextEdit[];
  /** The items (findings) this edit fixes. */
  items: number[];
}

/**
 * Which placed fixes stand. All candidate edits of a chart or root are proved together, in one
 * render: applied at once (edits of one file merged), rendered and scanned; the set stands when
 * every finding it targets is gone and nothing new appeared. A set that fails is split in halves,
 * each proved the same way, down to single edits: a chart whose fixes are all good costs one
 * render, however many there are (proving each alone cost one render per fix, 111-149 renders
 * for microservices-demo's tree). Edits that overlap in a file start in different sets. The sets
 * of one round are rendered at once (`renderRound`, up to renderConcurrency() of them).
 */
export function proveMovedFixes(items: { finding: Finding; placement: Placement }[], cache: SourceCache, before: Map<string, number>, renderRound: (batch: EditToProve[]) => void): boolean[] {
  const byKey = new Map<string, Candidate>();
  items.forEach(({ placement: p }, i) => {
    const file = p.fix ? cache.get(p.file) : undefined;
    if (!p.fix || !file) return;
    const key = `${p.file}\0${p.fix.edits.map((e) => `${e.start}:${e.end}:${e.text}`).join('\0')}`;
    const c = byKey.get(key);
    if (c) c.items.push(i);
    else if (byKey.size < MAX_PROVED_EDITS) byKey.set(key, { file: p.file, edits: p.fix.edits, items: [i] });
  });
  // First sets: every edit goes into the first set where it overlaps nothing in its file.
  let queue: Candidate[][] = [];
  for (const c of byKey.values()) {
    const home = queue.find((set) => !set.some((o) => o.file === c.file && o.edits.some((a) => c.edits.some((b) => (a.start < b.end && b.start < a.end) || a.start === b.start))));
    if (home) home.push(c);
    else queue.push([c]);
  }
  const kept = items.map(() => false);
  const slots = renderConcurrency();
  while (queue.length) {
    const round = queue.slice(0, slots);
    queue = queue.slice(slots);
    const batch = round.map((set) => ({ files: filesOf(set, cache), after: null as Map<string, number> | null }));
    renderRound(batch);
    round.forEach((set, k) => {
      const after = batch[k].after;
      const targets = set.flatMap((c) => c.items.map((i) => items[i].finding));
      if (after && fixesKept(targets, before, after)) for (const c of set) for (const i of c.items) kept[i] = true;
      else if (set.length > 1) queue.push(set.slice(0, set.length >> 1), set.slice(set.length >> 1));
    });
  }
  return kept;
}

function filesOf(set: Candidate[], cache: SourceCache): { file: string; text: string }[] {
  const byFile = new Map<string, TextEdit[]>();
  for (const c of set) byFile.set(c.file, [...(byFile.get(c.file) ?? []), ...c.edits]);
  return [...byFile].map(([file, edits]) => ({ file, text: applyEdits(cache.get(file)!.text, edits) }));
}

/**
 * Whether fixes stand: every finding they aim at is gone (one fewer of its identity per fix) and
 * no finding appeared that was not there before.
 */
export function fixesKept(targets: Finding[], before: Map<string, number>, after: Map<string, number>): boolean {
  const aimed = new Map<string, number>();
  for (const f of targets) aimed.set(findingIdentity(f), (aimed.get(findingIdentity(f)) ?? 0) + 1);
  for (const [id, n] of aimed) {
    const had = before.get(id) ?? 0;
    if (!had || (after.get(id) ?? 0) > had - Math.min(n, had)) return false;
  }
  for (const [k, n] of after) if (n > (before.get(k) ?? 0)) return false;
  return true;
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

/** A hash of an object's rendered text: equal renderings, equal digests (see ResourceReport.renderedDigest). */
export function renderedDigest(rendered: SourceFile, o: { node: YNode }): string {
  return createHash('sha1').update(rendered.text.slice(o.node.start, o.node.end)).digest('hex').slice(0, 16);
}

/**
 * Which placed fixes a scan proves by rendering again: all (true), none (false: reported as
 * unproved candidates), or those placed on the given lines of the given files, by display path: a
 * pull request's added lines, where the action can suggest a fix (each proof is a render).
 */
export type ProveFixes = boolean | { lines: Record<string, number[]> };

/**
 * Settles every placed fix: proved (by `keepAll`, one proof for all asked at once) and kept,
 * dropped when its proof failed, or marked unproved when it was not asked for.
 */
export function settleFixes(items: { finding: Finding; placement: Placement }[], prove: ProveFixes | undefined, display: (abs: string) => string, keepAll: (items: { finding: Finding; placement: Placement }[]) => boolean[]): void {
  const wanted = items.map(({ placement: p }) => p.fix !== null && provesAt(prove, display(p.file), p.span.line));
  const kept = wanted.some(Boolean) ? keepAll(items.map((x, i) => (wanted[i] ? x : { ...x, placement: { ...x.placement, fix: null } }))) : [];
  items.forEach(({ placement }, i) => {
    if (!placement.fix) return;
    if (!wanted[i]) placement.fix = { ...placement.fix, unproved: true };
    else if (!kept[i]) placement.fix = null;
  });
}

function provesAt(prove: ProveFixes | undefined, path: string, line: number): boolean {
  if (prove === undefined || prove === true) return true;
  if (prove === false) return false;
  return prove.lines[path]?.includes(line) ?? false;
}
