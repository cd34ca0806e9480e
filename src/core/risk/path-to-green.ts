// For a resource at or above the risk threshold: the smallest set of its findings (found greedily
// on the model, at a bounded cost) whose fixes bring it below the threshold, and the risk after.
// A saturated resource (several problems, each enough to block) shows "risk if fixed: 100" for
// every single finding; this answers what the reviewer needs instead: which ones, together.

import type { Finding, ResourceReport } from '../types.js';
import { severityRank } from '../types.js';
import { FeatureTable, findingsByResource } from './features.js';
import { predictKeys, toScore } from './score.js';

/** The threshold when none is configured (the action's fail-on-risk default). */
export const DEFAULT_RISK_THRESHOLD = 70;
/** At most this many findings in a path: beyond it the answer is "no short path". */
const MAX_STEPS = 25;


/**
 * Resources whose paths are searched together. Each resource's path depends on it alone; together
 * only means one model call per step for all of them. All at once, a step's rows (one per finding
 * of every resource still above) were the largest allocation of a large scan (~0.7 KB per row).
 */
const PATH_CHUNK = 2048;

/**
 * Fills `pathToGreen` (or `pathToGreenReason`) on every scored resource at or above `threshold`.
 * Each step removes, for every resource still above, the finding whose removal lowers its score
 * most (ties: riskgate has a fix for it, then the more severe); a chunk's candidates of a step are
 * scored in one batch, so the cost is one model call per step and chunk, at most MAX_STEPS.
 */
export async function addPathsToGreen(resources: ResourceReport[], findings: Finding[], threshold = DEFAULT_RISK_THRESHOLD, byResource = findingsByResource(resources, findings)): Promise<void> {
  const above = [...byResource].filter(([r]) => r.checked && r.risk !== null && r.risk >= threshold);
  // Variants repeat across steps (the finding not chosen stays a candidate) and alike resources:
  // each is scored once per lane. One cache per lane, never shared: the model's last digits depend
  // on the batch a row is scored in, and which lane asks for a shared row first depends on timing,
  // so a shared cache made tied paths come out in either order from run to run.
  const caches = [new Map<string, number>(), new Map<string, number>()];
  for (let from = 0; from < above.length; from += PATH_CHUNK) {
    const chunk = above.slice(from, from + PATH_CHUNK);
    // Two lanes at once: while the model (in its process, or onnxruntime's threads) scores one
    // lane's step, this thread builds the other's. A resource's path depends on it alone; the
    // bench set's 645 resources above 70 took 27 requests one after the other in one lane.
    const half = Math.ceil(chunk.length / 2);
    await Promise.all([pathsFor(chunk.slice(0, half), threshold, caches[0]), pathsFor(chunk.slice(half), threshold, caches[1])]);
  }
}

async function pathsFor(above: [ResourceReport, Finding[]][], threshold: number, cache: Map<string, number>): Promise<void> {
  const searches = above.map(([res, list]) => ({ res, table: new FeatureTable(res, list), left: list.map((_, i) => i), chosen: [] as number[], risk: res.risk! }));
  // Alike resources (one chart's services, a copied overlay) take the same path: the same score
  // and the same findings' shares in the same order, so every step scores the same rows and
  // chooses the same finding. Their rows were scored once already (equal keys), but building and
  // looking up those keys was most of this stage (351,500 keys for 22,387 rows at 18,336 files).
  // So each such group is searched once, for its first resource, and the others take its path.
  // Within one lane this changes nothing the model sees: the first resource asked for every row.
  const groups = new Map<string, (typeof searches)[number][]>();
  for (const s of searches) {
    const key = pathKey(s.table, s.risk);
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  const open = [...groups.values()].map((g) => g[0]);
  for (let step = 0; step < MAX_STEPS; step++) {
    const active = open.filter((o) => o.left.length && o.risk >= threshold);
    if (!active.length) break;
    const rows: string[] = [];
    const owners: { o: (typeof open)[number]; i: number; f: Finding; row: number }[] = [];
    for (const o of active) {
      // Findings whose removal gives the same row share one (FeatureTable.signature).
      const rowOf = new Map<string, number>();
      for (const i of o.left) {
        const sig = o.table.signature(i);
        let row = rowOf.get(sig);
        if (row === undefined) {
          rowOf.set(sig, (row = rows.length));
          rows.push(o.table.keyWithout(i));
        }
        owners.push({ o, i, f: o.table.findings[i], row });
      }
    }
    const scores = await predictKeys(rows, cache);
    const best = new Map<(typeof open)[number], { i: number; f: Finding; p: number }>();
    owners.forEach(({ o, i, f, row }) => {
      const cur = best.get(o);
      const p = scores[row];
      const better = !cur || p < cur.p - 1e-9 || (Math.abs(p - cur.p) <= 1e-9 && (rank(f) > rank(cur.f)));
      if (better) best.set(o, { i, f, p });
    });
    for (const [o, { i, p }] of best) {
      o.chosen.push(i);
      o.left = o.left.filter((x) => x !== i);
      o.table.remove(i);
      o.risk = toScore(p);
    }
  }
  for (const [lead, ...rest] of groups.values()) {
    for (const o of [lead, ...rest]) {
      if (lead.risk < threshold) {
        o.res.pathToGreen = { findings: lead.chosen.map((i) => o.table.findings[i].fingerprint), riskAfter: lead.risk };
        delete o.res.pathToGreenReason;
      } else {
        o.res.pathToGreen = null;
        o.res.pathToGreenReason = !lead.left.length
          ? `fixing every finding riskgate reports still leaves ${lead.risk} (at or above ${threshold}): the kind of resource itself carries the risk`
          : `no set of up to ${MAX_STEPS} findings brings it below ${threshold}`;
      }
    }
  }
}

/**
 * Equal for two resources whose greedy searches go step for step alike: the same score, the same
 * rows (FeatureTable.alikeKey) and the same tie-break rank for each finding in order.
 */
function pathKey(table: FeatureTable, risk: number): string {
  let key = `${risk}|${table.alikeKey()}|`;
  for (const f of table.findings) key += rank(f);
  return key;
}

/** Fixes riskgate can apply come first, then the more severe. */
function rank(f: Finding): number {
  return (f.fix ? 10 : 0) + severityRank(f.severity);
}
