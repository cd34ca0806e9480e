// One base line that several Kustomize roots (or values sets) render is one finding to a person:
// the copies, one per rendered root, are grouped so that text output prints the line once and the
// review posts one comment, each naming the roots. Reports keep every copy (JSON, SARIF, gate),
// because each rendered resource is scored and compared on its own.

import type { Finding } from '../core/types.js';

export interface FindingGroup {
  /** The first copy, in the order given. */
  finding: Finding;
  /** Every copy, the first included. */
  copies: Finding[];
  /** The roots the copies came through (empty for a finding of a plain file). */
  roots: string[];
}

export function groupAcrossRoots(findings: readonly Finding[]): FindingGroup[] {
  const out: FindingGroup[] = [];
  const byKey = new Map<string, FindingGroup>();
  for (const f of findings) {
    if (!f.rendered) {
      out.push({ finding: f, copies: [f], roots: [] });
      continue;
    }
    const fix = f.fix ? f.fix.edits.map((e) => `${e.start}-${e.end}:${e.text}`).join('|') : '';
    const key = [f.path, f.line, f.column, f.ruleId, f.severity, f.message, f.suppressed ? 's' : '', fix].join('\0');
    const g = byKey.get(key);
    if (g) {
      g.copies.push(f);
      if (!g.roots.includes(f.rendered.root)) g.roots.push(f.rendered.root);
    } else {
      const group = { finding: f, copies: [f], roots: [f.rendered.root] };
      byKey.set(key, group);
      out.push(group);
    }
  }
  return out;
}
