// Scores every resource with the bundled ONNX model: one onnxruntime session per process,
// created on first use, and one batch for all resources and all their "if fixed" variants.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { severityRank, type Finding, type ResourceReport } from '../types.js';
import { FEATURE_NAMES, FeatureTable, findingsByResource } from './features.js';
import { ScorerChild } from './scorer-child.js';
import { rowKey, rowOfKey } from './row-key.js';

export interface Driver {
  ruleId: string;
  message: string;
  /** Set when the finding is in another file than its resource (a chart's values file, a patch). */
  path?: string;
  line: number;
  fingerprint: string;
  /** The resource's risk with this one finding fixed. */
  riskIfFixed: number;
}

export interface RiskResult {
  risk: number;
  drivers: Driver[];
}

export class ModelError extends Error {}

interface OrtTensor {
  data: Float32Array;
}
interface OrtSession {
  run(feeds: Record<string, unknown>): Promise<Record<string, OrtTensor>>;
}
interface Ort {
  InferenceSession: { create(path: string, options?: object): Promise<OrtSession> };
  Tensor: new (type: string, data: Float32Array, dims: number[]) => unknown;
}

let session: Promise<{ ort: Ort; session: OrtSession }> | null = null;

/** Where models/ is: RISKGATE_MODEL_DIR, or the nearest models/ above this module (repo, package or bundle). */
export function modelDir(): string {
  if (process.env.RISKGATE_MODEL_DIR) return process.env.RISKGATE_MODEL_DIR;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'models', 'riskgate.onnx'))) return join(dir, 'models');
    dir = dirname(dir);
  }
  throw new ModelError('cannot find models/riskgate.onnx (set RISKGATE_MODEL_DIR)');
}

/** The feature list the model was trained on must be the one this code computes. */
export function checkFeatures(dir = modelDir()): void {
  const trained = (JSON.parse(readFileSync(join(dir, 'features.json'), 'utf8')) as { names: string[] }).names;
  if (trained.length !== FEATURE_NAMES.length || trained.some((n, i) => n !== FEATURE_NAMES[i])) {
    const diff = trained.map((n, i) => (n === FEATURE_NAMES[i] ? null : `#${i}: model "${n}", code "${FEATURE_NAMES[i] ?? '(none)'}"`)).filter(Boolean);
    throw new ModelError(`models/features.json does not match the features riskgate computes (${trained.length} vs ${FEATURE_NAMES.length}; ${diff.slice(0, 3).join('; ')}); retrain with npm run train`);
  }
}

async function load(): Promise<{ ort: Ort; session: OrtSession }> {
  const dir = modelDir();
  checkFeatures(dir);
  let ort: Ort;
  try {
    // Loaded on first use only: scans that need no score never load the native runtime. The action
    // bundle keeps this as a lazily loaded chunk and ships the Linux binaries beside it.
    const mod = (await import('onnxruntime-node')) as unknown as Ort & { default?: Ort };
    ort = mod.InferenceSession ? mod : mod.default!;
  } catch (e) {
    throw new ModelError(`the risk model needs onnxruntime-node, which could not be loaded on ${process.platform}-${process.arch} (${(e as Error).message.split('\n')[0]})`);
  }
  const s = await ort.InferenceSession.create(join(dir, 'riskgate.onnx'), { executionProviders: ['cpu'], graphOptimizationLevel: 'all', intraOpNumThreads: 2 });
  return { ort, session: s };
}

/**
 * Where the model runs. `in-process` is fastest and what the action uses (its command line is
 * short). `child` runs it in a process with a short command line (see scorer-process.ts): the CLI
 * picks it when its own command line is long, and a crash of the native runtime there becomes a
 * ModelError instead of killing riskgate. `auto`: `child` when this process's command line is long.
 */
export type ScoringMode = 'auto' | 'in-process' | 'child';
// RISKGATE_SCORING=child|in-process overrides the choice (tests, benchmarks, debugging).
let scoringMode: ScoringMode = (['child', 'in-process'] as const).find((m) => m === process.env.RISKGATE_SCORING) ?? 'auto';
export function setScoringMode(mode: ScoringMode): void {
  scoringMode = mode;
}

/** Command lines of this length and more crash onnxruntime's start-up (measured: 25 KB works, 33 KB crashes). */
export const LONG_COMMAND_LINE = 8 * 1024;

export function commandLineLength(): number {
  try {
    return readFileSync('/proc/self/cmdline').length;
  } catch {
    return [process.execPath, ...process.execArgv, ...process.argv.slice(1)].reduce((n, a) => n + Buffer.byteLength(a) + 1, 0);
  }
}

/**
 * The scorer's entry: beside this module in the compiled sources, dist/scorer/index.js beside a
 * bundle in dist/<name>/. Built from parts so that the bundler does not copy the file as an asset.
 */
function scorerScript(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [['scorer-process.js'], ['..', 'scorer', 'index.js']];
  for (const parts of candidates) {
    const p = join(here, ...parts);
    if (existsSync(p)) return p;
  }
  return null;
}

/**
 * Risk (0–1) for each feature row. Equal rows are scored once: a repository's resources are
 * often alike (one chart, many services), and the drivers and paths to green of each resource
 * ask about variants that differ from each other in one finding of a rule that counts the same.
 * The model scores each row on its own, so this changes no score. `cache` (row → score) carries
 * what was scored across calls: scoring a large scan in chunks asks again about rows seen before.
 */
export async function predict(rows: number[][], cache: Map<string, number> = new Map()): Promise<number[]> {
  return predictKeys(rows.map(rowKey), cache);
}

/**
 * As predict, for rows given by their keys (rowKey): the large callers compute keys straight from
 * a FeatureTable, and only the rows not scored yet are built, once each.
 */
export async function predictKeys(keys: string[], cache: Map<string, number> = new Map()): Promise<number[]> {
  if (!keys.length) return [];
  const missingKeys: string[] = [];
  const asked = new Set<string>();
  for (const key of keys) {
    if (cache.has(key) || asked.has(key)) continue;
    asked.add(key);
    missingKeys.push(key);
  }
  const scores = await predictUnique(keysToMatrix(missingKeys, FEATURE_NAMES.length), missingKeys.length);
  missingKeys.forEach((key, i) => cache.set(key, scores[i]));
  return keys.map((key) => cache.get(key)!);
}

/** The rows of `keys` (rowKey) as one row-major matrix, what the model takes: no array per row. */
function keysToMatrix(keys: string[], width: number): Float32Array {
  const data = new Float32Array(keys.length * width);
  keys.forEach((key, i) => {
    const at = i * width;
    if (key.length === width) for (let j = 0; j < width; j++) data[at + j] = key.charCodeAt(j);
    else data.set(rowOfKey(key, width), at);
  });
  return data;
}

async function predictUnique(data: Float32Array, rows: number): Promise<number[]> {
  if (!rows) return [];
  // The action's bundle has no separate scorer file; its command line is short anyway.
  const script = modeNow() === 'child' ? scorerScript() : null;
  return script ? predictMatrixInChild(script, data, rows) : predictMatrix(data, rows);
}

/** Where the model runs for this process: the chosen mode, `auto` decided by the command line's length. */
function modeNow(): 'child' | 'in-process' {
  return scoringMode === 'auto' ? (commandLineLength() >= LONG_COMMAND_LINE ? 'child' : 'in-process') : scoringMode;
}

/** One scorer process per script, kept for the run (scorer-child.ts); a new one after one died. */
const children = new Map<string, ScorerChild>();

function childFor(script: string): ScorerChild {
  let child = children.get(script);
  if (!child || child.dead) children.set(script, (child = new ScorerChild(script, { ...process.env, RISKGATE_MODEL_DIR: modelDir() })));
  return child;
}

/**
 * Where the model runs in a process of its own, starts that process now: it loads onnxruntime and
 * the model (about 0.2 s) on the other core while this one reads and checks files, instead of
 * after them. The CLI calls it before a scan it will score. In this process nothing is started
 * early: loading the native runtime would take this thread's time. Errors (no model found) wait
 * for the first prediction, which reports them as it always did.
 */
export function startScorer(): void {
  const script = modeNow() === 'child' ? scorerScript() : null;
  if (!script) return;
  try {
    childFor(script);
  } catch {
    // modelDir() found no model: the first prediction says so.
  }
}

/** In the scorer's process: starts loading the model before the first request arrives. */
export function preloadModel(): void {
  session ??= load();
  session.catch(() => undefined);
}

/** Runs the model in a child process started with a short command line. */
export async function predictInChild(script: string, rows: number[][]): Promise<number[]> {
  const data = new Float32Array(rows.length * FEATURE_NAMES.length);
  rows.forEach((r, i) => data.set(r, i * FEATURE_NAMES.length));
  return predictMatrixInChild(script, data, rows.length);
}

async function predictMatrixInChild(script: string, data: Float32Array, rows: number): Promise<number[]> {
  try {
    return await childFor(script).request(data, rows, FEATURE_NAMES.length);
  } catch (e) {
    throw e instanceof ModelError ? e : new ModelError((e as Error).message);
  }
}

/** The model on `rows` rows of FEATURE_NAMES.length features, row-major, in this process. */
export async function predictMatrix(data: Float32Array, rows: number): Promise<number[]> {
  if (!rows) return [];
  session ??= load();
  const { ort, session: s } = await session;
  const out = await s.run({ features: new ort.Tensor('float32', data, [rows, FEATURE_NAMES.length]) });
  return Array.from(out.risk.data);
}

/** A model probability as a risk score: 0 to 100, one decimal. */
export const toScore = (p: number) => Math.round(p * 1000) / 10;

/**
 * Fills `risk` on every checked resource and returns the drivers: each unsuppressed finding on the
 * resource with the risk the resource would have without it.
 */
export async function scoreResources(resources: ResourceReport[], findings: Finding[], options: { drivers?: boolean; byResource?: Map<ResourceReport, Finding[]> } = {}): Promise<Map<ResourceReport, RiskResult>> {
  const withDrivers = options.drivers !== false;
  // The caller may pass findingsByResource's answer: scoring and paths to green need the same one.
  const entries = [...(options.byResource ?? findingsByResource(resources, findings))].filter(([res]) => res.checked);
  const out = new Map<ResourceReport, RiskResult>();
  const cache = new Map<string, number>();
  // In chunks: the rows of every variant of every resource at once (about 0.6 KB each, one per
  // finding) were most of a 100,000-file scan's peak memory.
  for (let from = 0; from < entries.length; from += SCORE_CHUNK) {
    // Keys, not rows: a row is built only for a key not scored yet (predictKeys).
    const rows: string[] = [];
    const plan: { res: ResourceReport; base: number; variants: { finding: Finding; row: number }[] }[] = [];
    // Alike resources of a chunk (FeatureTable.alikeKey) share their rows: built and looked up
    // once. The model sees the same rows either way (predictKeys scores equal keys once).
    const alike = new Map<string, { base: number; variants: number[] }>();
    for (const [res, list] of entries.slice(from, from + SCORE_CHUNK)) {
      const table = new FeatureTable(res, list);
      const key = withDrivers ? table.alikeKey() : table.key();
      let shared = alike.get(key);
      if (!shared) {
        shared = { base: rows.push(table.key()) - 1, variants: withDrivers ? list.map((_, i) => rows.push(table.keyWithout(i)) - 1) : [] };
        alike.set(key, shared);
      }
      const { base, variants: variantRows } = shared;
      plan.push({ res, base, variants: variantRows.map((row, i) => ({ finding: list[i], row })) });
    }
    const p = await predictKeys(rows, cache);
    for (const { res, base, variants } of plan) {
      const risk = toScore(p[base]);
      res.risk = risk;
      // Filtered before a driver is built: most variants of a large scan neither lower the score
      // nor are high. Two literals rather than a spread keep the key order and one shape each.
      const drivers: Driver[] = [];
      for (const { finding, row } of variants) {
        const riskIfFixed = toScore(p[row]);
        // When a resource is saturated (several problems each enough to block) no single fix lowers
        // the score; the high-severity findings still drive it and are listed.
        if (!(riskIfFixed < risk || severityRank(finding.severity) >= HIGH)) continue;
        // A finding of a rendered chart may sit in another file than its resource (values.yaml): named then.
        drivers.push(
          finding.path !== res.path
            ? { ruleId: finding.ruleId, message: finding.message, path: finding.path, line: finding.line, fingerprint: finding.fingerprint, riskIfFixed }
            : { ruleId: finding.ruleId, message: finding.message, line: finding.line, fingerprint: finding.fingerprint, riskIfFixed },
        );
      }
      drivers.sort((a, b) => a.riskIfFixed - b.riskIfFixed || a.line - b.line);
      res.drivers = drivers;
      out.set(res, { risk, drivers });
    }
  }
  return out;
}

const HIGH = severityRank('high');

/** Resources scored per model call. */
const SCORE_CHUNK = 4096;
