// The lines of a pull request's diff, from the `patch` of each changed file: which RIGHT-side
// lines a review comment may anchor to, which hunk each is in, and which lines were added.

export interface FileDiff {
  /** RIGHT-side line → hunk index, for every line inside a hunk (added or context). */
  lines: Map<number, number>;
  added: Set<number>;
}

export function parsePatch(patch: string | undefined | null): FileDiff {
  const out: FileDiff = { lines: new Map(), added: new Set() };
  if (!patch) return out;
  let hunk = -1;
  let right = 0;
  for (const raw of patch.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const h = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (h) {
      hunk++;
      right = Number(h[1]);
      continue;
    }
    if (hunk < 0 || line.startsWith('\\')) continue; // "\ No newline at end of file"
    if (line.startsWith('+')) {
      out.lines.set(right, hunk);
      out.added.add(right);
      right++;
    } else if (line.startsWith('-')) {
      // LEFT side only.
    } else {
      out.lines.set(right, hunk);
      right++;
    }
  }
  return out;
}

/** Whether a comment on RIGHT lines start..end is accepted: both in the diff, in the same hunk. */
export function canAnchor(diff: FileDiff | undefined, start: number, end: number): boolean {
  if (!diff) return false;
  const h = diff.lines.get(end);
  if (h === undefined) return false;
  for (let l = start; l <= end; l++) if (diff.lines.get(l) !== h) return false;
  return true;
}
