// Parallel scan: worker threads each read, parse and check a share of the files (parallel/
// partition.ts) and return compact results; the main thread merges them into the one ScanResult a
// single-threaded scan gives. Each worker still reads every manifest for the facts cross-object
// rules need (as a --shard run does), so findings do not depend on the number of workers, and the
// output is the same byte for byte (test/parallel.test.ts). Scoring stays one batch, after.

import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scan, scanUnits, compareResources, type ScanOptions, type ScanResult } from '../engine.js';
import { compareFindings } from '../findings.js';
import { fromText } from '../source-file.js';
import { partition } from './partition.js';
import { mark } from '../util/timing.js';
import type { FileReport, Finding, ResourceReport } from '../types.js';

/** Below this many units a worker's start-up (about 0.2 s to load the engine) costs more than it saves. */
export const MIN_UNITS_PER_WORKER = 150;

export interface WorkerRequest {
  options: Omit<ScanOptions, 'owns'>;
  owns: string[];
}

export interface WorkerReply {
  files: FileReport[];
  findings: Finding[];
  resources: ResourceReport[];
  renderScopes: { path: string; scope: string }[] | null;
  texts: [string, string][];
}

/** `--jobs`: a positive integer, or `auto` (the machine's available parallelism). */
export function parseJobs(text: string | undefined): number | 'auto' {
  if (text === undefined || text === 'auto') return 'auto';
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new Error(`jobs must be a whole number from 1 to 256, or auto; got "${text}"`);
  return n;
}

/** How many workers a scan of `units` gets: never more than the cores, nor so many that each has too little to do. */
export function workerCount(jobs: number | 'auto', units: number): number {
  const wanted = jobs === 'auto' ? availableParallelism() : jobs;
  // An explicit --jobs N is honoured as far as there are units; auto also weighs start-up cost.
  const byWork = jobs === 'auto' ? Math.floor(units / MIN_UNITS_PER_WORKER) : units;
  return Math.max(1, Math.min(wanted, byWork));
}

/** The worker's entry: beside this module when compiled, dist/scan-worker/index.js beside a bundle. */
function workerScript(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const parts of [['scan-worker.js'], ['..', 'scan-worker', 'index.js']]) {
    const p = join(here, ...parts);
    if (existsSync(p)) return p;
  }
  return null;
}

export async function scanParallel(options: Omit<ScanOptions, 'owns'>, jobs: number | 'auto'): Promise<ScanResult & { workers: number }> {
  const script = workerScript();
  const units = scanUnits(options);
  const workers = script ? workerCount(jobs, units.length) : 1;
  if (workers <= 1) return { ...scan(options), workers: 1 };
  const shares = partition(units, workers);
  mark('units planned');
  const replies = await Promise.all(shares.map((owns, i) => runWorker(script!, { options, owns: [...owns] }).then((r) => (mark(`worker ${i + 1} done`), r))));
  const result: ScanResult = { files: [], findings: [], resources: [], objects: [], sources: new Map() };
  const scopes: { path: string; scope: string }[] = [];
  // Concatenated, not pushed with a spread: a large share has more findings than fit in call arguments.
  result.files = replies.flatMap((r) => r.files);
  result.findings = replies.flatMap((r) => r.findings);
  result.resources = replies.flatMap((r) => r.resources);
  for (const r of replies) {
    if (r.renderScopes) scopes.push(...r.renderScopes);
    for (const [path, text] of r.texts) if (!result.sources.has(path)) result.sources.set(path, fromText(path, text));
  }
  result.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  result.findings.sort(compareFindings);
  result.resources.sort(compareResources);
  // Attack paths came with each worker's resources: a resource and its findings are in one unit.
  if (scopes.length) result.renderScopes = scopes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { ...result, workers };
}

function runWorker(script: string, request: WorkerRequest): Promise<WorkerReply> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(script, { workerData: request });
    let settled = false;
    worker.once('message', (m: { ok: true; reply: WorkerReply } | { ok: false; error: string }) => {
      settled = true;
      if (m.ok) resolvePromise(m.reply);
      else reject(new Error(`a scan worker failed: ${m.error}`));
    });
    worker.once('error', (e) => {
      if (!settled) reject(new Error(`a scan worker failed: ${e.stack ?? e.message}`));
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`a scan worker stopped (exit ${code}) before sending its results`));
      settled = true;
    });
  });
}
