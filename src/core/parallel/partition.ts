// Splits a scan's units among workers so each gets about the same work: heaviest first, each to
// the lightest worker, ties to the lower worker, units in path order, so the split is the same on
// every run. Workers trade their manifests' cross-object facts (scan-worker.ts), so any unit can
// go anywhere. In a --shard run they cannot (the facts of other shards' manifests are read by
// whoever checks a manifest), so there manifests go to as few workers as their share of the work
// calls for, and Dockerfiles, charts and Kustomize roots fill up the rest. The result does not
// depend on the split (test/parallel.test.ts); only the time does.

import type { ScanUnit } from '../engine.js';

interface Part {
  load: number;
  paths: Set<string>;
}

export function partition(units: ScanUnit[], workers: number, options: { manifestsTogether?: boolean } = {}): Set<string>[] {
  const parts: Part[] = Array.from({ length: workers }, () => ({ load: 0, paths: new Set<string>() }));
  if (!options.manifestsTogether) {
    place(units, parts);
    return parts.map((p) => p.paths);
  }
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
    for (const p of u.with ?? []) best.paths.add(p);
  }
}
