// `riskgate fix` without the I/O: scan, apply every non-conflicting fix, scan again for what
// conflicted or what the first fixes made possible, until nothing changes.

import { scanFiles, type ScanResult } from '../engine.js';
import type { Config } from '../config.js';
import type { Finding } from '../types.js';
import { applyEdits, selectFixes } from './apply.js';

export interface FixInput {
  path: string;
  text: string;
  kind: 'dockerfile' | 'manifest';
}

export interface AppliedFix {
  path: string;
  ruleId: string;
  description: string;
  pass: number;
}

export interface FixOutcome {
  /** The new text of every file that changed. */
  changed: Map<string, string>;
  applied: AppliedFix[];
  passes: number;
  /** The scan of the fixed files. */
  after: ScanResult;
}

const MAX_PASSES = 10;

export function fixSources(files: FixInput[], config: Config, rules: string[] | null = null, today?: string): FixOutcome {
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const kinds = new Map(files.map((f) => [f.path, f.kind]));
  const applied: AppliedFix[] = [];
  const current = () => [...texts].map(([path, text]) => ({ path, text, kind: kinds.get(path)! }));
  let result = scanFiles(current(), config, today);
  let passes = 0;
  while (passes < MAX_PASSES) {
    const fixable = result.findings.filter((f): f is Finding & { fix: NonNullable<Finding['fix']> } => f.fix !== null && !f.suppressed && (!rules || rules.includes(f.ruleId)));
    if (!fixable.length) break;
    passes++;
    let changedThisPass = false;
    const byFile = new Map<string, typeof fixable>();
    for (const f of fixable) byFile.set(f.path, [...(byFile.get(f.path) ?? []), f]);
    for (const [path, list] of byFile) {
      // Identical fixes (two rules adding the same drop: [ALL]) are applied once.
      const unique = list.filter((f, i) => list.findIndex((g) => JSON.stringify(g.fix.edits) === JSON.stringify(f.fix.edits)) === i);
      const { selected } = selectFixes(unique.map((f) => f.fix));
      const before = texts.get(path)!;
      const after = applyEdits(before, selected.flatMap((f) => f.edits));
      if (after === before) continue;
      texts.set(path, after);
      changedThisPass = true;
      for (const f of unique) if (selected.includes(f.fix)) applied.push({ path, ruleId: f.ruleId, description: f.fix.description, pass: passes });
    }
    if (!changedThisPass) break;
    result = scanFiles(current(), config, today);
  }
  const changed = new Map<string, string>();
  for (const f of files) if (texts.get(f.path) !== f.text) changed.set(f.path, texts.get(f.path)!);
  return { changed, applied, passes, after: result };
}
