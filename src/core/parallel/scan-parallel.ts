// Parallel scan: worker threads each read, parse and check a share of the files (parallel/
// partition.ts) and return compact results; the main thread merges them into the one ScanResult a
// single-threaded scan gives. Workers trade the facts cross-object rules need (index copies of
// their manifests, see tradeIndexes), so findings do not depend on the number of workers, and the
// output is the same byte for byte (test/parallel.test.ts). Scoring stays one batch, after.

import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scan, scanUnits, planFiles, compareResources, type ScanOptions, type ScanResult, type ScanUnit } from '../engine.js';
import type { ExchangeChannel, IndexChunk, IndexOrder } from './scan-worker.js';
import { compareFindings } from '../findings.js';
import { fromText } from '../source-file.js';
import { partition } from './partition.js';
import { mark } from '../util/timing.js';
import type { FileReport, Finding, ResourceReport } from '../types.js';

/** Below this many units a worker's start-up (about 0.2 s to load the engine) costs more than it saves. */
export const MIN_UNITS_PER_WORKER = 150;

export interface WorkerRequest {
  options: Omit<ScanOptions, 'owns' | 'exchange'>;
  owns: string[];
  /** Set when workers trade cross-object facts instead of each reading every manifest. */
  exchange?: ExchangeChannel;
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

/**
 * How many workers a scan of `units` gets: never more than the cores, nor so many that each has
 * too little to do. `auto` leaves one core to V8's own threads: a scan in one thread already keeps
 * 1.3 to 1.5 cores busy with garbage collection and compilation, and on 2 cores a second worker
 * measured no faster (0.9× to 1.1×) for up to 2× the memory (README, "Parallel"). Tried and left
 * out: with one scanning thread, rendering charts and roots in a worker beside it (helm and
 * kustomize are mostly waited for). On the mixed set of `npm run bench` it measured 8.15 and 9.25 s
 * against 7.52 and 8.63 s without: those processes and the worker compete for the same 2 cores.
 */
export function workerCount(jobs: number | 'auto', units: number, cores = availableParallelism()): number {
  const wanted = jobs === 'auto' ? Math.max(1, cores - 1) : jobs;
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

export async function scanParallel(options: Omit<ScanOptions, 'owns' | 'exchange'>, jobs: number | 'auto'): Promise<ScanResult & { workers: number }> {
  const script = workerScript();
  // Found once here; the workers (or the one scan) start from it.
  options = { ...options, planned: options.planned ?? planFiles(options) };
  const units = scanUnits(options);
  const workers = script ? workerCount(jobs, units.length) : 1;
  if (workers <= 1) {
    const dockerfiles = jobs === 'auto' && script ? dockerfileShare(units, options) : null;
    if (dockerfiles) return scanBesideDockerfileWorker(script!, options, units, dockerfiles);
    return { ...scan(options), workers: 1 };
  }
  // A shard's cross-object facts include other shards' manifests, which no worker of this run
  // owns: then each worker that checks manifests reads them all, and manifests stay together.
  const trade = !options.shard;
  const shares = partition(units, workers, { manifestsTogether: !trade });
  mark('units planned');
  const channels = shares.map(() => (trade ? new MessageChannel() : null));
  const requests: WorkerRequest[] = shares.map((owns, i) => ({
    options,
    owns: [...owns],
    ...(channels[i] ? { exchange: { port: channels[i]!.port2, ready: new Int32Array(new SharedArrayBuffer(4)) } } : {}),
  }));
  const started = requests.map((request) => startWorker(script!, request));
  if (trade) tradeIndexes(units, requests, channels.map((c) => c!.port1));
  let replies: WorkerReply[];
  try {
    replies = await Promise.all(started.map((w, i) => w.reply.then((r) => (mark(`worker ${i + 1} done`), r))));
  } catch (e) {
    // A worker that failed may leave the others asleep waiting for its index copies.
    await Promise.all(started.map((w) => w.worker.terminate()));
    throw e;
  } finally {
    for (const c of channels) c?.port1.close();
  }
  return { ...merge(replies), workers };
}

/**
 * On a machine with 2 cores `auto` runs one scanning thread (workerCount). That thread still
 * shares its work with one worker when the scan has Dockerfiles enough and other units too: the
 * worker checks the Dockerfiles, this thread everything else. The two halves need nothing from
 * each other (Dockerfiles read no cross-object index) and run different code, so neither thread
 * compiles the other's rules; a split by weight (--jobs 2) made each worker warm up every rule
 * and measured slower than one thread (README, "Parallel"). Measured on `npm run bench`'s mixed
 * set (node 24, 1,319 Dockerfiles of 4,584 files): see the closing note of issue 25.
 */
export const MIN_DOCKERFILES_FOR_WORKER = MIN_UNITS_PER_WORKER;

export function dockerfileShare(units: ScanUnit[], options: Pick<ScanOptions, 'shard'>, cores = availableParallelism()): string[] | null {
  if (cores < 2 || options.shard) return null;
  const dockerfiles = units.filter((u) => u.kind === 'dockerfile').map((u) => u.path);
  if (dockerfiles.length < MIN_DOCKERFILES_FOR_WORKER || dockerfiles.length === units.length) return null;
  return dockerfiles;
}

async function scanBesideDockerfileWorker(script: string, options: Omit<ScanOptions, 'owns' | 'exchange'>, units: ScanUnit[], dockerfiles: string[]): Promise<ScanResult & { workers: number }> {
  const worker = startWorker(script, { options, owns: dockerfiles });
  const rest = new Set<string>();
  for (const u of units) {
    if (u.kind === 'dockerfile') continue;
    rest.add(u.path);
    for (const p of u.with ?? []) rest.add(p);
  }
  let mine: ScanResult;
  try {
    mine = scan({ ...options, owns: rest });
  } catch (e) {
    await worker.worker.terminate();
    throw e;
  }
  mark('this thread done');
  const theirs = await worker.reply;
  mark('Dockerfile worker done');
  const own: WorkerReply = { files: mine.files, findings: mine.findings, resources: mine.resources, renderScopes: mine.renderScopes ?? null, texts: [] };
  const result = merge([own, theirs]);
  // This thread's texts stay as they are (no copy through a message).
  for (const [p, f] of mine.sources) result.sources.set(p, f);
  return { ...result, workers: 2 };
}

/** The one ScanResult of several runs' replies: concatenated, then in the order one run gives. */
function merge(replies: WorkerReply[]): ScanResult {
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
  return result;
}

/**
 * Collects every worker's index copies (one JSON chunk per file); when all have sent theirs,
 * answers each with every file's chunk in the order one run would have read them (the units'
 * order, which is discovery order), its own files named only, and wakes it.
 */
function tradeIndexes(units: ScanUnit[], requests: WorkerRequest[], ports: MessagePort[]): void {
  const rank = new Map(units.map((u, i) => [u.path, i]));
  const received: IndexChunk[][] = ports.map(() => []);
  let waiting = ports.length;
  ports.forEach((port, i) =>
    port.once('message', (chunks: IndexChunk[]) => {
      received[i] = chunks;
      if (--waiting) return;
      const all = received.flatMap((chunks, worker) => chunks.map(([path, json]) => ({ path, json, worker }))).sort((a, b) => (rank.get(a.path) ?? 0) - (rank.get(b.path) ?? 0));
      ports.forEach((p, k) => {
        const order: IndexOrder = all.map((c) => [c.path, c.worker === k ? null : c.json]);
        p.postMessage(order);
        const ready = requests[k].exchange!.ready;
        Atomics.store(ready, 0, 1);
        Atomics.notify(ready, 0);
      });
    }),
  );
}

/**
 * A worker's young generation, capped. Left to V8, a scan worker's heap grew to about 210 MB
 * committed for 60 MB live at 18,336 files (`--trace-gc`): its Dockerfile work makes short-lived
 * garbage fast, and the young generation's default grows with it. With 8, 16 or 32 MB the worker
 * commits about 100 MB and the scan's peak RSS falls by 80-100 MB (745 -> 640-665 MB), in the same
 * time (8.6-8.9 s either way, 3 interleaved runs each). 32 is the largest of those: the fewest
 * scavenges for the same memory.
 */
const WORKER_YOUNG_GENERATION_MB = 32;

function startWorker(script: string, request: WorkerRequest): { worker: Worker; reply: Promise<WorkerReply> } {
  const worker = new Worker(script, {
    workerData: request,
    transferList: request.exchange ? [request.exchange.port] : [],
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
  const reply = new Promise<WorkerReply>((resolvePromise, reject) => {
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
  return { worker, reply };
}
