// A chart's dependencies, found offline. Chart monorepos (bitnami/charts, prometheus-community)
// commit Chart.lock but not charts/*.tgz, so `helm template` refuses the chart. riskgate renders
// a temporary copy instead: a dependency whose chart is in the checkout (a `file://` path, or a
// chart of the same name whose version satisfies the range) is copied into the copy's charts/;
// one that is not is left out of the copy's Chart.yaml, so the parent's own templates are still
// rendered and checked, and the dependency is reported as not checked, by name. Nothing is
// downloaded unless render.helm.dependencyUpdate asks for `helm dependency build`.

import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve, sep } from 'node:path';
import { dump, load } from '../yaml/js-yaml.js';
import { runTool, type ToolLimits } from './run-tool.js';
import { satisfiesRange } from './semver-range.js';
import { escapingSymlink } from './symlinks.js';
import { toolCause } from './tool-message.js';

export interface Dependency {
  name: string;
  version: string | null;
  repository: string | null;
}

export interface MissingDependency {
  name: string;
  /** Why it could not be had, for the report. */
  reason: string;
}

export interface PreparedChart {
  /** The directory to render: the chart itself when nothing was missing, else the copy. */
  renderDir: string;
  /** A path in renderDir → the file people edit (the chart's own, or the sibling chart's). */
  original: (abs: string) => string;
  vendored: { name: string; from: string }[];
  missing: MissingDependency[];
  cleanup: () => void;
}

/** Charts in the checkout by name (Chart.yaml `name`), found once per scan. */
export class ChartIndex {
  private byName: Map<string, { dir: string; version: string | null }[]> | null = null;
  constructor(readonly root: string) {}

  find(name: string): { dir: string; version: string | null }[] {
    if (!this.byName) this.byName = indexCharts(this.root);
    return this.byName.get(name) ?? [];
  }
}

const MAX_DEPTH = 6;
const MAX_ENTRIES = 200_000;
const SKIP = new Set(['.git', 'node_modules']);

function indexCharts(root: string): Map<string, { dir: string; version: string | null }[]> {
  const out = new Map<string, { dir: string; version: string | null }[]>();
  let budget = MAX_ENTRIES;
  const walk = (dir: string, depth: number) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    budget -= entries.length;
    if (budget < 0) return;
    if (entries.some((e) => e.isFile() && e.name === 'Chart.yaml')) {
      const meta = chartMeta(dir);
      if (meta?.name) {
        const list = out.get(meta.name) ?? [];
        list.push({ dir, version: meta.version });
        out.set(meta.name, list);
      }
    }
    if (depth >= MAX_DEPTH) return;
    // Symbolic links are not followed, as discovery does not follow them.
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) if (e.isDirectory() && !SKIP.has(e.name)) walk(join(dir, e.name), depth + 1);
  };
  walk(root, 0);
  return out;
}

/** A YAML file of the chart as a mapping (Chart.yaml, requirements.yaml), or null. */
function readMapping(file: string): Record<string, unknown> | null {
  try {
    const doc: unknown = load(readFileSync(file, 'utf8'));
    return doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function dependencyList(doc: Record<string, unknown> | null): Dependency[] {
  const deps = doc && Array.isArray(doc.dependencies) ? doc.dependencies : [];
  return deps
    .filter((x): x is Record<string, unknown> => !!x && typeof x === 'object' && typeof (x as Record<string, unknown>).name === 'string')
    .map((x) => ({ name: String(x.name), version: x.version === undefined || x.version === null ? null : String(x.version), repository: typeof x.repository === 'string' ? x.repository : null }));
}

function chartMeta(dir: string): { name: string | null; version: string | null } | null {
  const d = readMapping(join(dir, 'Chart.yaml'));
  return d && { name: typeof d.name === 'string' ? d.name : null, version: d.version === undefined || d.version === null ? null : String(d.version) };
}

/** What a chart declares it depends on: Chart.yaml, and requirements.yaml for apiVersion v1 charts. */
function declaredDependencies(dir: string): Dependency[] {
  return [...dependencyList(readMapping(join(dir, 'Chart.yaml'))), ...dependencyList(readMapping(join(dir, 'requirements.yaml')))];
}

/** Declared dependencies without a chart in charts/. */
export function missingDependencies(chartDir: string): Dependency[] {
  const deps = declaredDependencies(chartDir);
  if (!deps.length) return [];
  const present = presentInChartsDir(chartDir);
  return deps.filter((d) => !present.has(d.name));
}

/** Names present in charts/ (unpacked charts by Chart.yaml name and directory, archives by file name). */
function presentInChartsDir(chartDir: string): Set<string> {
  const present = new Set<string>();
  let entries: string[] = [];
  try {
    entries = readdirSync(join(chartDir, 'charts'));
  } catch {
    return present;
  }
  for (const e of entries) {
    if (existsSync(join(chartDir, 'charts', e, 'Chart.yaml'))) {
      const meta = chartMeta(join(chartDir, 'charts', e));
      if (meta?.name) present.add(meta.name);
      present.add(e);
    } else if (/\.tgz$/.test(e)) present.add(e.replace(/-v?\d[\w.+-]*\.tgz$/, ''));
  }
  return present;
}

/** Where a dependency that charts/ lacks can be had in the checkout, or why not. */
function locate(dep: Dependency, chartDir: string, index: ChartIndex): { dir: string } | { reason: string } {
  if (dep.repository?.startsWith('file://')) {
    const dir = resolve(chartDir, dep.repository.slice('file://'.length));
    // A pull request's Chart.yaml decides this path: nothing outside the checkout is read.
    if (!(dir + sep).startsWith(resolve(index.root) + sep)) return { reason: `its repository ${dep.repository} is outside the checkout, which riskgate does not read` };
    if (!existsSync(join(dir, 'Chart.yaml'))) return { reason: `its repository ${dep.repository} has no Chart.yaml` };
    return safe(dir, dep);
  }
  const candidates = index.find(dep.name).filter((c) => resolve(c.dir) !== resolve(chartDir));
  const fitting = candidates.filter((c) => !dep.version || (c.version !== null && satisfiesRange(c.version, dep.version)));
  if (fitting.length) return safe(fitting[0].dir, dep);
  const where = dep.repository ? ` (from ${dep.repository})` : '';
  if (candidates.length) return { reason: `not in charts/${where}; the checkout has ${dep.name} ${candidates.map((c) => c.version ?? '?').join(', ')}, which does not satisfy ${dep.version}` };
  return { reason: `not in charts/ and not in the checkout${where}; riskgate never downloads charts: run \`helm dependency build\` and commit charts/, or set render.helm.dependencyUpdate: true` };
}

/** A chart with a symbolic link out of it is not copied in: helm would read what it points to. */
function safe(dir: string, dep: Dependency): { dir: string } | { reason: string } {
  const link = escapingSymlink(dir, dir);
  return link ? { reason: `the checkout's chart ${dep.name} contains a symbolic link that leads outside it, so riskgate does not use it` } : { dir };
}

/**
 * The chart ready to render offline. `root` is where sibling charts are looked for; a vendored
 * sibling's own missing dependencies are resolved the same way (a few levels deep).
 */
export function prepareChart(chartDir: string, index: ChartIndex, opts: { helm: string | null; dependencyUpdate: boolean; limits: ToolLimits }): PreparedChart {
  const identity: PreparedChart = { renderDir: chartDir, original: (abs) => abs, vendored: [], missing: [], cleanup: () => undefined };
  const lacking = missingDependencies(chartDir);
  if (!lacking.length) return identity;

  const tmp = mkdtempSync(join(tmpdir(), 'riskgate-chart-'));
  const copy = join(tmp, basename(chartDir));
  const mapped: { copy: string; from: string }[] = [];
  const out: PreparedChart = {
    renderDir: copy,
    original: (abs) => {
      // Longest prefix first: a vendored subchart inside the copy maps to its sibling.
      for (const m of mapped) if (abs === m.copy || abs.startsWith(m.copy + sep)) return join(m.from, relative(m.copy, abs));
      return abs === copy || abs.startsWith(copy + sep) ? join(chartDir, relative(copy, abs)) : abs;
    },
    vendored: [],
    missing: [],
    cleanup: () => rmSync(tmp, { recursive: true, force: true }),
  };
  try {
    cpSync(chartDir, copy, { recursive: true, verbatimSymlinks: true });
    vendorInto(copy, chartDir, index, out, mapped, 0, opts);
    mapped.sort((a, b) => b.copy.length - a.copy.length);
  } catch (e) {
    out.cleanup();
    return { ...identity, missing: lacking.map((d) => ({ name: d.name, reason: `could not prepare a copy of the chart (${(e as Error).message})` })) };
  }
  return out;
}

function vendorInto(copy: string, sourceDir: string, index: ChartIndex, out: PreparedChart, mapped: { copy: string; from: string }[], depth: number, opts: { helm: string | null; dependencyUpdate: boolean; limits: ToolLimits }): void {
  const lacking = missingDependencies(copy);
  if (!lacking.length) return;
  const leftOut: MissingDependency[] = [];
  for (const d of lacking) {
    const at = depth < 4 ? locate(d, sourceDir, index) : { reason: 'nested too deeply' };
    if ('dir' in at) {
      const target = join(copy, 'charts', d.name);
      cpSync(at.dir, target, { recursive: true, verbatimSymlinks: true });
      mapped.push({ copy: target, from: at.dir });
      if (depth === 0) out.vendored.push({ name: d.name, from: at.dir });
      vendorInto(target, at.dir, index, out, mapped, depth + 1, opts);
    } else leftOut.push({ name: d.name, reason: at.reason });
  }
  if (leftOut.length && opts.dependencyUpdate && opts.helm) {
    // Opt-in, with network: helm fetches what the checkout lacks (into the copy, never the checkout).
    const r = runTool(opts.helm, ['dependency', 'build', copy, '--skip-refresh'], copy, opts.limits);
    if (!r.ok) for (const m of leftOut) m.reason = `helm dependency build failed: ${toolCause(r.reason)}`;
  }
  const present = presentInChartsDir(copy);
  const still = leftOut.filter((m) => !present.has(m.name));
  if (!still.length) return;
  if (depth === 0) out.missing.push(...still);
  else out.missing.push(...still.map((m) => ({ name: `${basename(copy)}/${m.name}`, reason: m.reason })));
  // Left out of the copy's Chart.yaml (and requirements.yaml), so that helm renders the rest.
  const drop = new Set(still.map((m) => m.name));
  for (const file of ['Chart.yaml', 'requirements.yaml']) {
    const p = join(copy, file);
    const doc = readMapping(p);
    if (!doc || !Array.isArray(doc.dependencies)) continue;
    doc.dependencies = doc.dependencies.filter((x) => !(x && typeof x === 'object' && drop.has(String((x as Record<string, unknown>).name))));
    writeFileSync(p, dump(doc));
  }
  // The lock names what is left out; helm compares the two.
  for (const lock of ['Chart.lock', 'requirements.lock']) rmSync(join(copy, lock), { force: true });
}
