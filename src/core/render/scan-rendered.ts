// Renders the charts and Kustomize roots a scan touches, checks what they render, and places each
// finding on the file and line a person edits. A chart or root that cannot be rendered is one
// message on it; the rest of the scan goes on.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { parseYaml } from '../yaml/parse.js';
import { YMap } from '../yaml/ast.js';
import type { Config } from '../config.js';
import type { FileReport, Finding, ResourceReport } from '../types.js';
import type { KubeObject } from '../k8s/objects.js';
import type { SourceFile } from '../source-file.js';
import { findExecutable, type ToolLimits, type ToolRun } from './run-tool.js';
import { renderChart, renderCharts, startCharts } from './helm.js';
import { mapHelmFindings } from './helm-map.js';
import { buildAt, buildOf, renderKustomization, renderKustomizations, startKustomizations, mapKustomizeFindings, kustomizeCommand, type KustomizeCommand, type KustomizeRender } from './kustomize.js';
import { SourceCache, type ProveFixes } from './place.js';
import { append } from '../util/append.js';
import { chartSettings, ciValuesFiles } from './settings.js';
import { checkoutRoot, scopeOf, type RenderPlan, type RenderTarget } from './targets.js';
import { escapingSymlink } from './symlinks.js';
import { ChartIndex, prepareChart, type PreparedChart } from './chart-deps.js';
import type { ScanResult } from '../engine.js';

export interface RenderedScan {
  files: FileReport[];
  findings: Finding[];
  resources: ResourceReport[];
  objects: KubeObject[];
  sources: Map<string, SourceFile>;
}

export interface RenderContext {
  cwd: string;
  root: string;
  config: Config;
  /** Scans rendered output (in memory) with the scan's rules and configuration. */
  scanText: (path: string, text: string) => ScanResult;
  display: (abs: string) => string;
  /** Which fixes to prove by rendering again (place.ts ProveFixes); default all. */
  proveFixes?: ProveFixes;
}

/** What startRendering needs: the scan's settings, not its checks. */
export type RenderSettings = Pick<RenderContext, 'cwd' | 'root' | 'config' | 'display'>;

/**
 * The first renders of every chart and root, started (startFirstRenders) before the scan reads
 * its files: helm and kustomize are other processes, which run on the other cores while this
 * thread checks files, instead of after it. scanRendered collects them.
 */
export interface StartedRenders {
  limits: ToolLimits;
  tools: Tools;
  wait(): FirstRenders;
  /** Removes what the renders left (a scan that fails before it collects them). */
  discard(): void;
}

export function startRendering(plan: RenderPlan, ctx: RenderSettings): StartedRenders {
  const limits: ToolLimits = { timeout: ctx.config.render.timeout, maxOutput: ctx.config.render.maxOutput };
  const tools: Tools = { helm: findExecutable(ctx.config.render.helm.path), kustomize: kustomizeCommand(ctx.config.render.kustomize.path) };
  return { limits, tools, ...startFirstRenders(plan.targets, ctx, limits, tools) };
}

export function scanRendered(plan: RenderPlan, ctx: RenderContext, started: StartedRenders = startRendering(plan, ctx)): RenderedScan {
  const out: RenderedScan = { files: [], findings: [], resources: [], objects: [], sources: new Map() };
  const { limits, tools } = started;
  // A file several roots include (a shared base) is listed once, naming them all.
  const ownedBy: OwnedBy = new Map();
  const first = started.wait();
  // A chart rendered from a prepared copy shows the files of the checkout, not of the copy.
  const copies = [...first.prepared.values()].filter((p) => p.original(p.renderDir) !== p.renderDir);
  const display = (abs: string) => {
    for (const p of copies) {
      const o = p.original(abs);
      if (o !== abs) return ctx.display(o);
    }
    return ctx.display(abs);
  };
  const cache = new SourceCache(display);
  try {
    scanTargets(plan, { ...ctx, display }, cache, limits, tools, first, out, ownedBy);
  } finally {
    for (const p of first.prepared.values()) p.cleanup();
  }
  for (const [abs, o] of ownedBy) {
    const path = ctx.display(abs);
    if (o.failed.length && !o.labels.length) out.files.push({ path, type: 'kubernetes', status: 'not-checked', reason: `part of ${o.failed.join(', ')}, which was NOT checked (it could not be rendered)`, rendered: o.rendered });
    else out.files.push({ path, type: 'kubernetes', status: 'scanned', reason: `checked as part of ${o.labels.join(', ')}${o.failed.length ? `; not through ${o.failed.join(', ')}, which could not be rendered` : ''}`, rendered: o.rendered });
  }
  for (const [p, f] of cache.byDisplayPath()) out.sources.set(p, f);
  return out;
}

type OwnedBy = Map<string, { labels: string[]; failed: string[]; rendered: { by: 'helm' | 'kustomize'; root: string } }>;

function scanTargets(plan: RenderPlan, ctx: RenderContext, cache: SourceCache, limits: ToolLimits, tools: Tools, first: FirstRenders, out: RenderedScan, ownedBy: OwnedBy): void {
  // Each target's files, found once (a search of every owned file per target grew with both).
  const ownedFiles = new Map<RenderTarget, string[]>();
  for (const [file, ts] of plan.owners) for (const t of ts) append(ownedFiles, t, file);
  for (const t of plan.targets) {
    const owned = ownedFiles.get(t) ?? [];
    const label = t.kind === 'helm' ? `Helm chart ${t.path}` : t.component ? `Kustomize Component ${t.path} (no kustomization uses it; built ${t.over ? `over ${ctx.display(t.over)}` : 'alone'})` : `Kustomize root ${t.path}`;
    const rendered = { by: t.kind, root: t.path };
    const r = t.kind === 'helm' ? first.charts.get(t)! : first.roots.get(t)!;
    // A library chart renders nothing by itself: its templates are checked in the charts that use it.
    if ('library' in r) {
      out.files.push({ path: t.path, type: 'kubernetes', status: 'skipped', reason: `${label} is a library chart (type: library): it renders nothing by itself; its helpers are checked through the charts that use it`, rendered });
      continue;
    }
    const prepared = t.kind === 'helm' ? first.prepared.get(t) : undefined;
    let result: TargetResult = !r.ok ? r : t.kind === 'helm' ? scanChart(t, ctx, cache, limits, tools.helm!, r as Rendered<ToolRun>, prepared!, first.fallback) : scanKustomization(t, ctx, cache, limits, tools.kustomize!, r as Rendered<KustomizeRender>);
    // Dependencies the checkout lacks were left out: each is NOT checked, by name; when the
    // parent does not render without them (it uses their helpers), the parent's reason says so.
    const missing = prepared?.missing ?? [];
    if (!result.ok && missing.length) result = { ok: false, reason: `${result.reason} (rendered without ${missing.map((m) => m.name).join(', ')}, which the checkout does not have)` };
    for (const m of missing) {
      const path = `${t.path}/charts/${m.name}`;
      out.files.push({ path, type: 'kubernetes', status: 'not-checked', reason: `dependency ${m.name} of ${t.path}: ${m.reason}`, rendered: { by: 'helm', root: path } });
    }
    if (!result.ok) {
      // The chart's or root's own entry carries the bare cause: reports group targets by it (one
      // "helm not found" for a repository of charts), and name the target from `path` and `rendered`.
      const reason = t.kind === 'kustomize' && t.component ? `a Component that no kustomization uses, and that does not build alone: ${result.reason}` : result.reason;
      out.files.push({ path: t.path, type: 'kubernetes', status: 'not-checked', reason: relativePaths(reason, ctx.cwd), rendered });
      for (const f of owned) entry(ownedBy, f, rendered).failed.push(label);
      continue;
    }
    const vendored = prepared?.vendored.length ? `; dependencies from the checkout: ${prepared.vendored.map((v) => `${v.name} (${ctx.display(v.from)})`).join(', ')}` : '';
    const leftOut = missing.length ? `; without ${missing.map((m) => m.name).join(', ')} (NOT checked: not in the checkout)` : '';
    const fb = t.kind === 'helm' ? first.fallback.get(t) : undefined;
    const withValues = fb ? ` and ${fb.valuesFile} (its default values do not render: ${relativePaths(fb.cause, ctx.cwd)})` : '';
    out.files.push({ path: t.path, type: 'kubernetes', status: 'scanned', reason: `${label} rendered with ${result.tool}${withValues}: ${plural(result.resources.length, 'resource')}${placedSummary(result.findings)}${vendored}${leftOut}`, rendered });
    for (const f of owned) entry(ownedBy, f, rendered).labels.push(label);
    out.findings.push(...result.findings);
    out.resources.push(...result.resources);
    out.objects.push(...result.objects);
  }
}

function entry<T extends { labels: string[]; failed: string[]; rendered: { by: 'helm' | 'kustomize'; root: string } }>(m: Map<string, T>, file: string, rendered: T['rendered']): T {
  let e = m.get(file);
  if (!e) m.set(file, (e = { labels: [], failed: [], rendered } as unknown as T));
  return e;
}

type TargetResult = { ok: true; tool: string; findings: Finding[]; resources: ResourceReport[]; objects: KubeObject[] } | { ok: false; reason: string };

type ChartTarget = Extract<RenderTarget, { kind: 'helm' }>;
type RootTarget = Extract<RenderTarget, { kind: 'kustomize' }>;

interface Tools {
  helm: string | null;
  kustomize: KustomizeCommand | null;
}
/** A library chart: not rendered (scanRendered lists it as skipped). */
const LIBRARY = { library: true } as const;
type Rendered<R> = Extract<R, { ok: true }>;

/**
 * Every target's first rendering, all at once (runTools), or why it gets none: a library chart,
 * a missing tool or a refusal (ok: false, with the message). Each is then checked and placed in turn.
 */
interface FirstRenders {
  charts: Map<ChartTarget, ToolRun | typeof LIBRARY>;
  roots: Map<RootTarget, KustomizeRender>;
  /** Charts rendered from a copy with their dependencies found in the checkout or left out (chart-deps.ts). */
  prepared: Map<ChartTarget, PreparedChart>;
  /** Charts whose defaults do not render, rendered with one of their ci/*-values.yaml instead: that file, and why the defaults failed. */
  fallback: Map<ChartTarget, { valuesFile: string; cause: string }>;
}

/**
 * Prepares the charts (their dependencies, chart-deps.ts) and starts every chart's and root's
 * first render together; `wait()` collects them, then renders the charts whose defaults fail with
 * their ci values (renderWithCiValues), which depends on the first answers.
 */
function startFirstRenders(targets: RenderTarget[], ctx: RenderSettings, limits: ToolLimits, tools: Tools): { wait(): FirstRenders; discard(): void } {
  const out: FirstRenders = { charts: new Map(), roots: new Map(), prepared: new Map(), fallback: new Map() };
  // Sibling charts are looked for in the whole checkout, also when a subdirectory is scanned.
  const index = new ChartIndex(checkoutRoot(ctx.root));
  const charts: ChartTarget[] = [];
  const roots: RootTarget[] = [];
  for (const t of targets) {
    if (t.kind === 'helm') {
      if (isLibraryChart(t.dir)) {
        out.charts.set(t, LIBRARY);
        continue;
      }
      const refusal = tools.helm ? chartRefusal(t, ctx) : `helm not found (install helm 3 or set render.helm.path in .riskgate.yaml)`;
      if (refusal === null) charts.push(t);
      else out.charts.set(t, { ok: false, reason: refusal });
    } else {
      const refusal = rootRefusal(t, ctx) ?? (tools.kustomize ? null : 'neither kustomize nor kubectl found (install one or set render.kustomize.path in .riskgate.yaml)');
      if (refusal === null) roots.push(t);
      else out.roots.set(t, { ok: false, reason: refusal });
    }
  }
  for (const t of charts) out.prepared.set(t, prepareChart(t.dir, index, { helm: tools.helm, dependencyUpdate: ctx.config.render.helm.dependencyUpdate, limits }));
  const chartRuns = charts.length ? startCharts(tools.helm!, charts.map((t) => ({ chartDir: out.prepared.get(t)!.renderDir, settings: chartSettingsOf(t, ctx) })), limits) : null;
  let rootRuns: { wait(): KustomizeRender[] } | null = null;
  try {
    rootRuns = roots.length ? startKustomizations(tools.kustomize!, roots.map(buildOf), ctx.config.render.kustomize.enableHelm, limits) : null;
  } catch (e) {
    chartRuns?.wait();
    for (const p of out.prepared.values()) p.cleanup();
    throw e;
  }
  let collected = false;
  const collect = () => {
    collected = true;
    chartRuns?.wait().forEach((r, i) => out.charts.set(charts[i], r));
    rootRuns?.wait().forEach((r, i) => out.roots.set(roots[i], r));
  };
  return {
    wait: () => {
      if (!collected) {
        collect();
        renderWithCiValues(charts, ctx, limits, tools.helm, out);
      }
      return out;
    },
    discard: () => {
      if (!collected) collect();
      for (const p of out.prepared.values()) p.cleanup();
    },
  };
}

function chartSettingsOf(t: ChartTarget, ctx: RenderSettings, fallback?: FirstRenders['fallback']) {
  const settings = chartSettings(ctx.config.render, relative(ctx.root, t.dir).split(sep).join('/') || '.');
  const f = fallback?.get(t);
  return f ? { ...settings, valuesFiles: [...settings.valuesFiles, f.valuesFile] } : settings;
}

/**
 * Charts that require values (`{{ required … }}`, a `fail` without them) do not render with their
 * defaults. Charts tested with chart-testing keep values that do render in `ci/*-values.yaml`:
 * such a chart is rendered with the first of them that works, in name order (one render per file
 * tried, all charts at once), and the chart's entry says so. A chart with values configured in
 * .riskgate.yaml is not tried: the configuration says how it is rendered.
 */
function renderWithCiValues(charts: ChartTarget[], ctx: RenderSettings, limits: ToolLimits, helm: string | null, out: FirstRenders): void {
  if (!helm) return;
  const tries = new Map<ChartTarget, { files: string[]; cause: string }>();
  for (const t of charts) {
    const r = out.charts.get(t);
    if (!r || 'library' in r || r.ok || !/^helm template failed/.test(r.reason)) continue;
    if (chartSettingsOf(t, ctx).valuesFiles.length) continue;
    const files = ciValuesFiles(t.dir);
    if (files.length) tries.set(t, { files: files.slice(0, 5), cause: r.reason });
  }
  for (let round = 0; tries.size && round < 5; round++) {
    const batch = [...tries].filter(([, v]) => v.files.length > round);
    if (!batch.length) break;
    const settings = batch.map(([t, v]) => ({ chartDir: out.prepared.get(t)!.renderDir, settings: { ...chartSettingsOf(t, ctx), valuesFiles: [v.files[round]] } }));
    renderCharts(helm, settings, limits).forEach((r, i) => {
      const [t, v] = batch[i];
      if (!r.ok) return;
      out.charts.set(t, r);
      out.fallback.set(t, { valuesFile: v.files[round], cause: v.cause });
      tries.delete(t);
    });
  }
}

/** Why a chart is not rendered, before trying. */
function chartRefusal(t: ChartTarget, ctx: RenderSettings): string | null {
  const link = escapingSymlink(t.dir, t.dir);
  return link ? `it contains a symbolic link that leads outside the chart (${ctx.display(link)}); helm would read what it points to, so riskgate does not render it` : null;
}

/** Why a Kustomize root is not rendered, before trying. */
function rootRefusal(t: RootTarget, ctx: RenderSettings): string | null {
  if (t.remote.length) return `it uses remote bases or resources (${t.remote.slice(0, 3).join(', ')}), which riskgate never fetches; vendor them into the repository to have them checked`;
  const link = escapingSymlink(scopeOf(t), ctx.root);
  return link ? `it reads a directory with a symbolic link that leads outside the repository or into .git (${ctx.display(link)}), so riskgate does not render it` : null;
}

function scanChart(t: ChartTarget, ctx: RenderContext, cache: SourceCache, limits: ToolLimits, helm: string, r: Rendered<ToolRun>, prepared: PreparedChart, fallback: FirstRenders['fallback']): TargetResult {
  const settings = chartSettingsOf(t, ctx, fallback);
  const vpath = `${t.path} (helm template)`;
  const sub = ctx.scanText(vpath, r.stdout);
  const rendered = sub.sources.get(vpath);
  if (!rendered) return { ok: false, reason: sub.files[0]?.reason ?? 'the rendered output could not be read' };
  const mapped = mapHelmFindings({
    // The copy when dependencies were prepared: findings are placed on the files people edit.
    chartDir: prepared.renderDir,
    chartPath: t.path,
    proveFixes: ctx.proveFixes,
    helm,
    settings,
    limits,
    rendered,
    findings: sub.findings,
    objects: sub.objects,
    resources: sub.resources,
    cache,
    display: ctx.display,
    rescan: (text) => ctx.scanText(vpath, text).findings,
  });
  placeSteps(mapped.findings, mapped.resources, vpath, t.path);
  return { ok: true, tool: 'helm template', findings: mapped.findings, resources: mapped.resources, objects: sub.objects };
}

function scanKustomization(t: RootTarget, ctx: RenderContext, cache: SourceCache, limits: ToolLimits, cmd: KustomizeCommand, r: Rendered<KustomizeRender>): TargetResult {
  const vpath = `${t.path} (kustomize build)`;
  const sub = ctx.scanText(vpath, r.text);
  const rendered = sub.sources.get(vpath);
  if (!rendered) return { ok: false, reason: sub.files[0]?.reason ?? 'the rendered output could not be read' };
  const enableHelm = ctx.config.render.kustomize.enableHelm;
  const mapped = mapKustomizeFindings({
    target: t,
    proveFixes: ctx.proveFixes,
    rendered,
    origins: r.origins,
    findings: sub.findings,
    objects: sub.objects,
    resources: sub.resources,
    cache,
    display: ctx.display,
    scanText: ctx.scanText,
    // Proof copies: a Component built over a base is built over the base's copy.
    renderAll: (dirs) => renderKustomizations(cmd, dirs.map((d) => ({ ...buildOf(t), dir: d, over: t.over ? join(copyRootOf(d, t), relative(scopeOf(t), t.over)) : null })), enableHelm, limits),
  });
  placeSteps(mapped.findings, mapped.resources, vpath, t.path);
  if (!t.componentFiles) return { ok: true, tool: cmd.label, findings: mapped.findings, resources: mapped.resources, objects: sub.objects };
  // A Component built over a base: what it changes is its own; the base is checked as its own root.
  const own = new Set([...t.componentFiles].map((f) => ctx.display(f)));
  const findings = mapped.findings.filter((f) => own.has(f.path));
  const withFindings = new Set(findings.map((f) => `${f.rendered?.resourcePath}\0${f.resource?.kind}/${f.resource?.namespace ?? ''}/${f.resource?.name}`));
  const resources = mapped.resources.filter((r) => own.has(r.path) || withFindings.has(`${r.path}\0${r.kind}/${r.namespace ?? ''}/${r.name}`));
  return { ok: true, tool: cmd.label, findings, resources, objects: sub.objects };
}

/**
 * The steps of a chain found in rendered output name the rendered text; each is placed where its
 * object is written (the template or base file and the object's first line, as the resource is
 * reported). An object riskgate cannot place keeps the chart or root and no line.
 */
function placeSteps(findings: Finding[], resources: ResourceReport[], vpath: string, root: string): void {
  let byLabel: Map<string, ResourceReport> | null = null;
  for (const f of findings) {
    if (!f.steps?.some((s) => s.path === vpath)) continue;
    if (!byLabel) {
      byLabel = new Map();
      for (const r of resources) if (!byLabel.has(`${r.kind}/${r.name}`)) byLabel.set(`${r.kind}/${r.name}`, r);
    }
    f.steps = f.steps.map((s) => {
      if (s.path !== vpath) return s;
      const r = byLabel!.get(s.label);
      return r ? { ...s, path: r.path, line: r.line } : { ...s, path: root, line: null };
    });
  }
}

/** The copy of a target's scope that holds `dir`, a copy of the target's directory. */
function copyRootOf(dir: string, t: RootTarget): string {
  const rel = relative(scopeOf(t), t.dir);
  return rel ? dir.slice(0, dir.length - rel.length - 1) : dir;
}

/** Absolute paths under the working directory, as the report shows every other path. */
function relativePaths(reason: string, cwd: string): string {
  return reason.split(`${cwd}${sep}`).join('');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** How precisely the findings were placed back, for the chart's or root's line in the report. */
function placedSummary(findings: Finding[]): string {
  if (!findings.length) return '';
  const by = new Map<string, number>();
  for (const f of findings) by.set(f.rendered!.precision, (by.get(f.rendered!.precision) ?? 0) + 1);
  const words: Record<string, string> = { values: 'at values keys', template: 'at template lines', expression: 'at the template expression that printed them', exact: 'at the exact base or patch line', fallback: 'at a fallback line (see their notes)' };
  return `; ${plural(findings.length, 'finding')} placed: ${[...by].map(([k, n]) => `${n} ${words[k]}`).join(', ')}`;
}

/**
 * Renders a chart or Kustomize root found at `dir` (a copy, for fix verification) and checks the
 * output, without placing findings: what `riskgate fix` compares before and after an edit.
 * `chartKey` is the chart's path from the repository root, for its render.helm.charts settings.
 */
export function checkRenderedAt(kind: 'helm' | 'kustomize', dir: string, chartKey: string, ctx: Pick<RenderContext, 'config' | 'scanText'>): Finding[] | null {
  const limits: ToolLimits = { timeout: ctx.config.render.timeout, maxOutput: ctx.config.render.maxOutput };
  if (kind === 'helm') {
    const helm = findExecutable(ctx.config.render.helm.path);
    const r = helm ? renderChart(helm, dir, chartSettings(ctx.config.render, chartKey), limits) : null;
    return r?.ok ? ctx.scanText('(helm template)', r.stdout).findings : null;
  }
  const cmd = kustomizeCommand(ctx.config.render.kustomize.path);
  const r = cmd ? renderKustomization(cmd, buildAt(dir), ctx.config.render.kustomize.enableHelm, limits) : null;
  return r?.ok ? ctx.scanText('(kustomize build)', r.text).findings : null;
}

/** The git work tree around `dir` (where a monorepo's charts are), else `dir` itself. */

function isLibraryChart(dir: string): boolean {
  try {
    const root = parseYaml(readFileSync(join(dir, 'Chart.yaml'), 'utf8')).documents[0]?.root;
    return root instanceof YMap && root.str('type') === 'library';
  } catch {
    return false;
  }
}
