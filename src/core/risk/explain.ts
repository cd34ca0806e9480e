// What a score means for each resource, beyond the number: the attack paths its findings open,
// and whether it stands out among the repository's resources of the same kind.

import type { Finding, ResourceReport } from '../types.js';
import { attackPathsOf } from './attack-paths.js';
import { findingsByResource } from './features.js';
import { append } from '../util/append.js';

/** Fills `attackPaths` on every resource that has a finding opening one. Needs no model. */
export function addAttackPaths(resources: ResourceReport[], findings: Finding[]): void {
  for (const [res, list] of findingsByResource(resources, findings)) {
    const paths = attackPathsOf(list);
    if (paths.length) res.attackPaths = paths;
    else delete res.attackPaths;
  }
}

/** Peers of one kind needed before "above the others" means anything. */
const MIN_PEERS = 10;

/**
 * Marks resources whose risk is above the 95th percentile (nearest rank) of the other scored
 * resources of the same kind in this scan, when there are at least 10 others: the anomaly a
 * reviewer of a large repository would otherwise not see.
 */
export function markOutliers(resources: ResourceReport[]): void {
  const byKind = new Map<string, ResourceReport[]>();
  for (const r of resources) {
    if (r.checked && r.risk !== null) append(byKind, r.kind, r);
  }
  for (const [kind, list] of byKind) {
    if (list.length - 1 < MIN_PEERS) continue;
    const sorted = list.map((r) => r.risk!).sort((a, b) => a - b);
    const peers = sorted.length - 1;
    const rank = Math.ceil(0.95 * peers) - 1;
    for (const r of list) {
      // The others are the sorted risks without one copy of this resource's own (its first
      // occurrence, at `at`): their rank-th value is sorted[rank] before `at`, sorted[rank + 1] from it.
      const at = firstIndexOf(sorted, r.risk!);
      const p95 = rank < at ? sorted[rank] : sorted[rank + 1];
      if (r.risk! > p95) r.outlier = { kind, percentile95: p95, peers };
    }
  }
}

/** The first index of `value` in ascending `sorted` (which holds it). */
function firstIndexOf(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
