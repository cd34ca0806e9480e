// Applying fixes: non-overlapping edits in one pass (the caller re-scans for the rest), and the
// whole-line form a GitHub ```suggestion block needs.

import type { Fix, TextEdit } from '../types.js';

/**
 * Edits conflict when their ranges overlap, both insert at the same point (their order would
 * matter), or one inserts at either end of a range the other replaces: an insertion placed right
 * after a removed entry was computed for text that is no longer there (removing a map's only key
 * writes `key: {}`, and a block entry inserted after it no longer belongs to any map).
 */
export function conflicts(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return a.start >= b.start && a.start <= b.end;
  if (b.start === b.end) return b.start >= a.start && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}

/** Picks fixes whose edits conflict with no fix already picked; the others wait for the next pass. */
export function selectFixes(fixes: Fix[]): { selected: Fix[]; deferred: Fix[] } {
  const selected: Fix[] = [];
  const deferred: Fix[] = [];
  const taken: TextEdit[] = [];
  for (const f of fixes) {
    if (f.edits.some((e) => taken.some((t) => conflicts(e, t)))) deferred.push(f);
    else {
      selected.push(f);
      taken.push(...f.edits);
    }
  }
  return { selected, deferred };
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

export interface Suggestion {
  /** 1-based, inclusive: the lines the suggestion replaces. */
  startLine: number;
  endLine: number;
  /** The replacement for those lines, without the final line break. */
  text: string;
}

/** The whole lines `fix` touches, rewritten: what a ```suggestion block on that range contains. */
export function suggestionFor(source: string, fix: Fix): Suggestion {
  const start = Math.min(...fix.edits.map((e) => e.start));
  const end = Math.max(...fix.edits.map((e) => e.end));
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = source.indexOf('\n', Math.max(end, start));
  // An edit that ends right after a line break (a removed line) ends on that line.
  if (end > start && source[end - 1] === '\n') lineEnd = end - 1;
  if (lineEnd < 0) lineEnd = source.length;
  const segment = source.slice(lineStart, lineEnd);
  const rel = fix.edits.map((e) => ({ ...e, start: e.start - lineStart, end: Math.min(e.end, lineEnd) - lineStart }));
  const replaced = applyEdits(segment, rel).replace(/\r$/, '');
  const lineOf = (offset: number) => source.slice(0, offset).split('\n').length;
  return { startLine: lineOf(lineStart), endLine: lineOf(lineEnd), text: replaced.replace(/\r\n/g, '\n') };
}

/** A unified diff of two texts (Myers' algorithm on lines), for `riskgate fix --dry-run`. */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const ops = diffLines(a, b);
  const hunks: string[] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i].op === ' ') {
      i++;
      continue;
    }
    let start = Math.max(0, i - context);
    let end = i;
    while (end < ops.length) {
      if (ops[end].op !== ' ') {
        end++;
        continue;
      }
      let run = 0;
      while (end + run < ops.length && ops[end + run].op === ' ') run++;
      if (end + run >= ops.length || run > context * 2) {
        end = Math.min(ops.length, end + context);
        break;
      }
      end += run;
    }
    const slice = ops.slice(start, end);
    const aStart = slice[0].a + 1;
    const bStart = slice[0].b + 1;
    const aLen = slice.filter((o) => o.op !== '+').length;
    const bLen = slice.filter((o) => o.op !== '-').length;
    hunks.push(`@@ -${aStart},${aLen} +${bStart},${bLen} @@`);
    for (const o of slice) hunks.push(`${o.op}${o.line}`);
    i = end;
    start = end;
  }
  if (!hunks.length) return '';
  return `--- a/${path}\n+++ b/${path}\n${hunks.join('\n')}\n`;
}

function diffLines(a: string[], b: string[]): { op: ' ' | '-' | '+'; line: string; a: number; b: number }[] {
  // Longest common subsequence by dynamic programming on the changed middle (files here are small).
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  if (am.length * bm.length > 4_000_000) {
    // Too large to align line by line: show the changed middle as removed, then added.
    const out: { op: ' ' | '-' | '+'; line: string; a: number; b: number }[] = [];
    for (let k = 0; k < pre; k++) out.push({ op: ' ', line: a[k], a: k, b: k });
    am.forEach((line, k) => out.push({ op: '-', line, a: pre + k, b: pre }));
    bm.forEach((line, k) => out.push({ op: '+', line, a: pre + am.length, b: pre + k }));
    for (let k = 0; k < suf; k++) out.push({ op: ' ', line: a[a.length - suf + k], a: a.length - suf + k, b: b.length - suf + k });
    return out;
  }
  const dp: number[][] = Array.from({ length: am.length + 1 }, () => new Array(bm.length + 1).fill(0));
  for (let x = am.length - 1; x >= 0; x--) for (let y = bm.length - 1; y >= 0; y--) dp[x][y] = am[x] === bm[y] ? dp[x + 1][y + 1] + 1 : Math.max(dp[x + 1][y], dp[x][y + 1]);
  const out: { op: ' ' | '-' | '+'; line: string; a: number; b: number }[] = [];
  for (let k = 0; k < pre; k++) out.push({ op: ' ', line: a[k], a: k, b: k });
  let x = 0;
  let y = 0;
  while (x < am.length || y < bm.length) {
    if (x < am.length && y < bm.length && am[x] === bm[y]) {
      out.push({ op: ' ', line: am[x], a: pre + x, b: pre + y });
      x++;
      y++;
    } else if (x < am.length && (y >= bm.length || dp[x + 1][y] >= dp[x][y + 1])) {
      out.push({ op: '-', line: am[x], a: pre + x, b: pre + y });
      x++;
    } else {
      out.push({ op: '+', line: bm[y], a: pre + x, b: pre + y });
      y++;
    }
  }
  for (let k = 0; k < suf; k++) out.push({ op: ' ', line: a[a.length - suf + k], a: a.length - suf + k, b: b.length - suf + k });
  return out;
}
