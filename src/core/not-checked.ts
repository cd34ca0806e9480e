// Charts and Kustomize roots a scan could not render: nothing in them was checked. Every report
// leads with them and the gate fails on them (render.unrendered: fail), because a scan that
// quietly skips a chart says "0 findings" about configuration nobody looked at.

import type { FileReport } from './types.js';

export interface NotCheckedTarget {
  path: string;
  by: 'helm' | 'kustomize';
  /** Why it was not rendered: the tool's cause, a missing tool, a refusal. */
  reason: string;
  /** Files of the scan that only it reads, so that nothing checked them either. */
  files: number;
}

export function notCheckedTargets(files: readonly FileReport[]): NotCheckedTarget[] {
  const out = new Map<string, NotCheckedTarget>();
  for (const f of files) if (f.status === 'not-checked' && f.rendered && f.path === f.rendered.root) out.set(f.path, { path: f.path, by: f.rendered.by, reason: f.reason ?? 'not rendered', files: 0 });
  for (const f of files) if (f.status === 'not-checked' && f.rendered && f.path !== f.rendered.root) {
    const t = out.get(f.rendered.root);
    if (t) t.files++;
  }
  return [...out.values()];
}

/** "2 Helm charts and 1 Kustomize root were NOT checked" */
export function notCheckedHeadline(list: readonly NotCheckedTarget[]): string {
  const charts = list.filter((t) => t.by === 'helm').length;
  const roots = list.length - charts;
  const parts = [charts && `${charts} Helm chart${charts === 1 ? '' : 's'}`, roots && `${roots} Kustomize root${roots === 1 ? '' : 's'}`].filter(Boolean);
  return `${parts.join(' and ')} ${list.length === 1 ? 'was' : 'were'} NOT checked`;
}

/** Targets grouped by their reason, most common first: one missing tool is one line, however many charts it stops. */
export function notCheckedGroups(list: readonly NotCheckedTarget[]): { reason: string; targets: NotCheckedTarget[] }[] {
  const by = new Map<string, NotCheckedTarget[]>();
  for (const t of list) {
    const g = by.get(t.reason);
    if (g) g.push(t);
    else by.set(t.reason, [t]);
  }
  return [...by].map(([reason, targets]) => ({ reason, targets })).sort((a, b) => b.targets.length - a.targets.length || (a.reason < b.reason ? -1 : 1));
}
