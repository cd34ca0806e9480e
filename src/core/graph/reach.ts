// Which unchanged workloads a change reaches through the object graph: a pull request that only
// edits a RoleBinding, a Service, a NetworkPolicy or a ServiceAccount changes the risk of the
// workloads those objects connect to, though the workloads' own files did not change. The action
// adds their files to the scan at base and head, so the comparison shows their risk before and
// after and the gate counts them.
//
// Reads the plain manifests of the paths (not charts or Kustomize roots, whose objects exist only
// rendered: a change inside them is scanned through its root already) into one index.

import { discover } from '../discovery.js';
import { readSource } from '../source-file.js';
import { loadManifest } from '../k8s/load-manifest.js';
import { ClusterIndex } from '../k8s/cluster-index.js';
import { planRendering } from '../render/targets.js';
import type { Config } from '../config.js';
import type { KubeObject } from '../k8s/objects.js';
import { objectGraph, refText, relatedObjects } from './object-graph.js';

export interface ReachedWorkload {
  /** The workload's file (display path, as the scan names it). */
  path: string;
  workload: string;
  /** The changed objects it is reached through, `Kind/name (path)`. */
  through: string[];
}

export function reachedWorkloads(opts: { paths: string[]; cwd: string; root: string; config: Config }, changed: ReadonlySet<string>): ReachedWorkload[] {
  const { candidates } = discover(opts.paths, { cwd: opts.cwd, root: opts.root, include: opts.config.include, exclude: opts.config.exclude });
  const plan = opts.config.render.enabled ? planRendering(candidates, { cwd: opts.cwd, root: opts.root }) : null;
  const objects: KubeObject[] = [];
  for (const c of candidates) {
    if (c.kind !== 'manifest' || plan?.owners.has(c.absPath)) continue;
    const read = readSource(c.absPath, c.path, opts.config.maxFileSize);
    if (!read.ok) continue;
    const load = loadManifest(read.file);
    if (load.status === 'scanned') objects.push(...load.objects);
  }
  const graph = objectGraph(new ClusterIndex(objects));
  const out: ReachedWorkload[] = [];
  for (const o of objects) {
    if (changed.has(o.path)) continue;
    const w = graph.workload(o);
    if (!w) continue;
    // The graph already links each workload to the copies beside it (per-environment installs).
    const through = [...new Set(relatedObjects(w).filter((x) => changed.has(x.path)).map((x) => `${refText(x)} (${x.path})`))];
    if (through.length) out.push({ path: o.path, workload: refText(o), through });
  }
  return out;
}
