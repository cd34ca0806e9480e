// Splits a scan's units among workers so each gets about the same work. A worker that checks any
// manifest reads every manifest for cross-object facts, so manifests go to as few workers as
// their share of the work calls for; Dockerfiles, rendered charts and Kustomize roots need nothing
// from other files and fill up whichever worker is lightest. Heaviest first, ties to the lower
// worker, units in path order: the split is the same on every run. The result does not depend on
// the split (test/parallel.test.ts); only the time does.

import type { ScanUnit } from '../engine.js';

interface Part {
  load: number;
  paths: Set<string>;
}

export function partition(units: ScanUnit[], workers: number): Set<string>[] {
  const parts: Part[] = Array.from({ length: workers }, () => ({ load: 0, paths: new Set<string>() }));
  const manifests = units.filter((u) => u.kind === 'manifest');
  const selfContained = units.filter((u) => u.kind !== 'manifest');
  const weight = (list: ScanUnit[]) => list.reduce((n, u) => n + u.weight, 0);
  const m = weight(manifests);
  const total = m + weight(selfContained);
  const forManifests = manifests.length ? Math.min(workers, Math.max(1, Math.round((workers * m) / total))) : 0;
  place(manifests, parts.slice(0, forManifests));
  place(selfContained, parts);
  return parts.map((p) => p.paths);
}

function place(units: ScanUnit[], parts: Part[]): void {
  const order = [...units].sort((a, b) => b.weight - a.weight || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const u of order) {
    let best = parts[0];
    for (const p of parts) if (p.load < best.load) best = p;
    best.load += u.weight;
    best.paths.add(u.path);
  }
}
