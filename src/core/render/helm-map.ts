// Places findings of a rendered chart on the lines people edit. In order of preference:
//   1. the values-file key that set the value: a candidate key (same name and value) is proved by
//      rendering once more with every candidate set to a distinct marker and seeing the marker
//      arrive in that field;
//   2. the template line that printed the field (template-lines.ts);
//   3. the resource's first template line, said so in the finding.
// A fix moves with the finding when it is a plain replacement of the value (values) or an edit of
// template lines printed verbatim; it is kept only when a render of the chart with the fix
// applied loses the finding and gains none.

import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { parseYaml } from '../yaml/parse.js';
import { YPair, YScalar, YSeq, type YNode } from '../yaml/ast.js';
import { LineIndex } from '../text.js';
import type { SourceFile } from '../source-file.js';
import type { Finding, Fix, ResourceReport } from '../types.js';
import type { KubeObject } from '../k8s/objects.js';
import { elementAt, follow, pathOf, type PathStep, type YElement } from './yaml-path.js';
import { classifyTemplate, alignLines, type LineOrigin, type TemplateLine } from './template-lines.js';
import { leavesMatching, loadValues, probeValues, settingSource, type ValuesPath, type ValuesSource } from './values.js';
import { renderChart, renderCharts, renderedDocs, type RenderedDoc } from './helm.js';
import { counts, lineSpan, moveValueFix, placeFinding, proveMovedFixes, renderedDigest, settleFixes, type ProveFixes, type EditToProve, type Placement, type SourceCache } from './place.js';
import { ciValuesFiles, type ChartRenderSettings } from './settings.js';
import type { ToolLimits } from './run-tool.js';

export interface HelmMapContext {
  /** Which fixes to prove by rendering again (place.ts ProveFixes); unproved ones are kept as candidates. Default: all. */
  proveFixes?: ProveFixes;
  chartDir: string;
  chartPath: string;
  helm: string;
  settings: ChartRenderSettings;
  limits: ToolLimits;
  rendered: SourceFile;
  findings: Finding[];
  objects: KubeObject[];
  resources: ResourceReport[];
  cache: SourceCache;
  display: (abs: string) => string;
  /** Scans rendered text the way the first render was scanned (for fix verification). */
  rescan: (text: string) => Finding[];
}

interface Located {
  finding: Finding;
  object: KubeObject | null;
  element: YElement | null;
  steps: PathStep[];
  doc: RenderedDoc | null;
  ordinal: number;
  origin: LineOrigin;
  candidates: ValuesPath[];
}

export function mapHelmFindings(ctx: HelmMapContext): { findings: Finding[]; resources: ResourceReport[] } {
  const rlines = ctx.rendered.text.split('\n').map((l) => l.replace(/\r$/, ''));
  const docs = renderedDocs(rlines);
  const docOf = new Map<number, { doc: RenderedDoc; ordinal: number }>();
  const origins: LineOrigin[] = rlines.map(() => null);
  const templates = new Map<string, { lines: TemplateLine[]; cursor: number; count: number }>();
  for (const doc of docs) {
    if (!doc.template) continue;
    let tpl = templates.get(doc.template);
    if (!tpl) {
      const file = ctx.cache.get(join(ctx.chartDir, doc.template));
      tpl = { lines: file ? classifyTemplate(file.text) : [], cursor: 0, count: 0 };
      templates.set(doc.template, tpl);
    }
    const ordinal = tpl.count++;
    for (let l = doc.startLine; l <= doc.endLine; l++) docOf.set(l, { doc, ordinal });
    const aligned = alignLines(rlines.slice(doc.startLine - 1, doc.endLine), tpl.lines, tpl.cursor);
    tpl.cursor = aligned.cursor;
    aligned.origins.forEach((o, i) => (origins[doc.startLine - 1 + i] = o));
  }

  const values = loadValues(ctx.chartDir, ctx.settings);
  const rl = ctx.rendered.lines;
  const offset = (line: number, column: number) => rl.lineStart(line) + column - 1;
  const objectAt = (at: number) => ctx.objects.find((o) => o.node.start <= at && at < o.node.end) ?? null;

  const located: Located[] = ctx.findings.filter((f) => !namespaceOfTheRelease(f, rlines, origins, ctx.settings.namespace)).map((f) => {
    const start = offset(f.line, f.column);
    const object = objectAt(start);
    const element = object ? elementAt(object.node, start, offset(f.endLine, f.endColumn)) : null;
    const d = docOf.get(f.line) ?? null;
    const leaf = element ? leafOf(element) : null;
    return {
      finding: f,
      object,
      element,
      steps: element ? pathOf(element) : [],
      doc: d?.doc ?? null,
      ordinal: d?.ordinal ?? -1,
      origin: origins[f.line - 1] ?? null,
      candidates: leaf && values.length ? unique([...leavesMatching(values, leaf.key, leaf.value), ...valuesReferenced(origins[f.line - 1], d?.doc ?? null, ctx, values)]) : [],
    };
  });

  const proved = proveValues(ctx, values, located);
  valuesCache.set(ctx, values);
  const verifier = new FixVerifier(ctx);
  const placements = located.map((loc, i) => {
    const p = proved.get(i);
    return p ? valuesPlacement(loc, p, ctx) : templatePlacement(loc, docs, origins, ctx, rl);
  });
  settleFixes(located.map((loc, i) => ({ finding: loc.finding, placement: placements[i] })), ctx.proveFixes, ctx.display, (items) => verifier.keepAll(items));
  const findings = located.map((loc, i) => {
    const placement = placements[i];
    return placeFinding(loc.finding, placement, { by: 'helm', root: ctx.chartPath, resourcePath: resourcePathOf(loc, ctx) }, ctx.display);
  });

  const resources = ctx.resources.map((r) => {
    const o = ctx.objects.find((x) => rl.position(x.node.start).line === r.line && x.kind === r.kind && x.name === r.name);
    const d = docOf.get(r.line);
    const tplPath = d?.doc.template ? join(ctx.chartDir, d.doc.template) : null;
    const line = o ? (firstOrigin(d?.doc ?? null, origins) ?? 1) : 1;
    return { ...r, path: tplPath ? ctx.display(tplPath) : ctx.chartPath, line, rendered: { by: 'helm' as const, root: ctx.chartPath }, ...(o ? { renderedDigest: renderedDigest(ctx.rendered, o) } : {}) };
  });
  verifier.dispose();
  return { findings, resources };
}

/**
 * A chart's namespace is the release's: `helm install -n` sets it, and templates that print
 * `{{ .Release.Namespace }}` (or print none) say so. Reporting `k8s/default-namespace` there
 * reported our own render setting (`--namespace default`), 30 of 69 findings on six bitnami charts.
 * A template that writes `namespace: default` literally still gets the finding.
 */
function namespaceOfTheRelease(f: Finding, rlines: string[], origins: LineOrigin[], releaseNamespace: string): boolean {
  if (f.ruleId !== 'k8s/default-namespace') return false;
  const m = /^\s*namespace:\s*["']?([^"'\s#]*)/.exec(rlines[f.line - 1] ?? '');
  if (!m) return true; // no namespace in the output: the release decides
  return m[1] === releaseNamespace && origins[f.line - 1]?.how !== 'static';
}

function resourcePathOf(loc: Located, ctx: HelmMapContext): string {
  return loc.doc?.template ? ctx.display(join(ctx.chartDir, loc.doc.template)) : ctx.chartPath;
}

function firstOrigin(doc: RenderedDoc | null, origins: LineOrigin[]): number | null {
  if (!doc) return null;
  for (let l = doc.startLine; l <= doc.endLine; l++) {
    const o = origins[l - 1];
    if (o && (o.how === 'static' || o.how === 'pattern')) return o.line;
  }
  return null;
}

function unique(paths: ValuesPath[]): ValuesPath[] {
  return [...new Map(paths.map((p) => [JSON.stringify(p), p])).values()];
}

/**
 * Values a template line names (`containerPort: {{ .Values.service.port }}`): candidates too,
 * whatever their key is called; the probe decides, and a line naming two (`image: "{{ .repo }}:{{
 * .tag }}"`) proves neither when both markers arrive.
 */
function valuesReferenced(origin: LineOrigin, doc: RenderedDoc | null, ctx: HelmMapContext, values: ValuesSource[]): ValuesPath[] {
  if (!origin || origin.how !== 'pattern' || !doc?.template) return [];
  const text = ctx.cache.get(join(ctx.chartDir, doc.template))?.lines.lineText(origin.line) ?? '';
  const out: ValuesPath[] = [];
  for (const m of text.matchAll(/\.Values((?:\.[A-Za-z_][\w]*)+)/g)) {
    const path = m[1].slice(1).split('.');
    if (settingSource(values, path)) out.push(path);
  }
  return out;
}

/** The key and scalar of a finding that points at one value (a pair, a value, a list item). */
function leafOf(el: YElement): { key: string; value: YScalar; node: YScalar } | null {
  // A list item's `name` stands for the item (a container is reported at its name): the item is
  // defined where the template prints it, even when its name comes from values.
  if (el instanceof YPair && el.keyText === 'name' && el.map.inSeq) return null;
  if (el instanceof YPair) return el.value instanceof YScalar ? { key: el.keyText, value: el.value, node: el.value } : null;
  if (!(el instanceof YScalar)) return null;
  if (el.pair && el.pair.value === el) return { key: el.pair.keyText, value: el, node: el };
  const seq: YSeq | null = el.inSeq;
  if (seq?.pair) return { key: seq.pair.keyText, value: el, node: el };
  return null;
}

/** Renders once with a marker in every candidate key; a candidate is proved when its marker lands in the finding's field. */
function proveValues(ctx: HelmMapContext, values: ValuesSource[], located: Located[]): Map<number, ValuesPath> {
  const proved = new Map<number, ValuesPath>();
  const markers = new Map<string, ValuesPath>();
  const markerOf = new Map<string, string>();
  for (const loc of located)
    for (const c of loc.candidates) {
      const key = JSON.stringify(c);
      if (!markerOf.has(key)) {
        const m = `rgprobe${markerOf.size}x${Math.random().toString(36).slice(2, 8)}`;
        markerOf.set(key, m);
        markers.set(m, c);
      }
    }
  if (!markers.size) return proved;
  const dir = mkdtempSync(join(tmpdir(), 'riskgate-probe-'));
  try {
    const file = join(dir, 'probe-values.json');
    writeFileSync(file, probeValues(values, markers));
    const r = renderChart(ctx.helm, ctx.chartDir, ctx.settings, ctx.limits, [file]);
    if (!r.ok) return proved;
    const plines = r.stdout.split('\n').map((l) => l.replace(/\r$/, ''));
    const roots = new Map<string, YNode | null>();
    const counts = new Map<string, number>();
    for (const d of renderedDocs(plines)) {
      if (!d.template) continue;
      const n = counts.get(d.template) ?? 0;
      counts.set(d.template, n + 1);
      roots.set(`${d.template}\0${n}`, parseYaml(plines.slice(d.startLine - 1, d.endLine).join('\n')).documents[0]?.root ?? null);
    }
    located.forEach((loc, i) => {
      if (!loc.candidates.length || !loc.doc?.template) return;
      const root = roots.get(`${loc.doc.template}\0${loc.ordinal}`);
      if (!root) return;
      // List items by position: a marker may have replaced the name they are usually found by.
      const at = follow(root, loc.steps.map((s) => ('key' in s ? s : { index: s.index, name: null })));
      const v = at instanceof YPair ? at.value : at;
      if (!(v instanceof YScalar)) return;
      const hits = loc.candidates.filter((c) => v.text.includes(markerOf.get(JSON.stringify(c))!));
      if (hits.length === 1) proved.set(i, hits[0]);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return proved;
}

function valuesPlacement(loc: Located, path: ValuesPath, ctx: HelmMapContext): Placement {
  const set = settingSource(loadValuesCached(ctx), path)!;
  const file = ctx.cache.get(set.source.file)!;
  const span = file.lines.span(set.node.start, set.node.end);
  const leaf = loc.element ? leafOf(loc.element) : null;
  const fix = moveValueFix(loc.finding.fix, leaf?.node ?? null, set.node);
  const pair = set.node.pair;
  const keySpan = pair ? file.lines.span(pair.key.start, set.node.end) : span;
  return { file: set.source.file, span: keySpan, precision: 'values', note: null, fix };
}

const valuesCache = new WeakMap<HelmMapContext, ValuesSource[]>();
function loadValuesCached(ctx: HelmMapContext): ValuesSource[] {
  let v = valuesCache.get(ctx);
  if (!v) valuesCache.set(ctx, (v = loadValues(ctx.chartDir, ctx.settings)));
  return v;
}

function templatePlacement(loc: Located, docs: RenderedDoc[], origins: LineOrigin[], ctx: HelmMapContext, rl: LineIndex): Placement {
  const tplRel = loc.doc?.template ?? null;
  const tplAbs = tplRel ? join(ctx.chartDir, tplRel) : null;
  const file = tplAbs ? ctx.cache.get(tplAbs) : null;
  if (!file || !tplAbs) {
    const chartYaml = join(ctx.chartDir, 'Chart.yaml');
    const cf = ctx.cache.get(chartYaml)!;
    return { file: chartYaml, span: lineSpan(cf, 1), precision: 'fallback', note: 'riskgate could not tell which template printed this resource (no `# Source:` line in the output); shown at Chart.yaml', fix: null };
  }
  const o = loc.origin;
  if (o && o.how !== 'guess') {
    const precision = o.how === 'output' ? 'expression' : 'template';
    const fix = o.how === 'static' ? templateFix(loc.finding.fix, origins, rl, file) : null;
    // A fix that writes a key the template already prints under a switch (`{{- if .Values.x.enable }}`)
    // would print it twice once the switch is on: not offered; the note names the switch.
    const dup = fix ? switchedDuplicate(file, fix) : null;
    return { file: tplAbs, span: lineSpan(file, o.line), precision, note: dup, fix: dup ? null : fix };
  }
  if (o) return { file: tplAbs, span: lineSpan(file, o.line), precision: 'fallback', note: 'printed by one of several template expressions; riskgate shows the first of them', fix: null };
  const first = firstOrigin(loc.doc, origins) ?? 1;
  return { file: tplAbs, span: lineSpan(file, first), precision: 'fallback', note: `riskgate could not tell which line of ${tplRel} printed this; shown at the resource's first line`, fix: null };
}

/**
 * Whether an edit of `fix` adds a key that the enclosing mapping of the template already writes on
 * a line the render did not print (inside `{{ if }}`, `{{ with }}` or `{{ range }}`): the note to
 * show instead of the fix, or null. microservices-demo's chart writes `seccompProfile:` under
 * `{{- if .Values.seccompProfile.enable }}`; adding a literal one beside it gives a duplicate key
 * when the value is turned on.
 */
function switchedDuplicate(tpl: SourceFile, fix: Fix): string | null {
  for (const e of fix.edits) {
    const m = /^\n*([ ]*)([A-Za-z0-9_.\/-]+):/.exec(e.text);
    if (!m) continue;
    const indent = m[1].length;
    const key = m[2];
    const at = tpl.lines.position(e.start).line;
    const indentOf = (t: string) => t.length - t.trimStart().length;
    const inside = (t: string) => !t.trim() || t.trim().startsWith('{{') || indentOf(t) >= indent;
    const lines: number[] = [];
    for (let l = at; l >= 1 && inside(tpl.lines.lineText(l)); l--) lines.push(l);
    for (let l = at + 1; l <= tpl.lines.lineCount && inside(tpl.lines.lineText(l)); l++) lines.push(l);
    for (const l of lines.sort((a, b) => a - b)) {
      const t = tpl.lines.lineText(l);
      if (indentOf(t) !== indent || !t.trimStart().startsWith(`${key}:`)) continue;
      let cond = '';
      for (let k = l - 1; k >= 1 && k >= l - 20; k--) {
        const c = /\{\{-?\s*(if|with|range)\b[^}]*\}\}/.exec(tpl.lines.lineText(k));
        if (c) {
          cond = ` under \`${c[0]}\` (line ${k})`;
          break;
        }
      }
      return `no automatic fix: ${tpl.path} already writes ${key}${cond} at line ${l}; adding another would print it twice when that is on; turn it on in the values instead`;
    }
  }
  return null;
}

/** Moves a fix onto the template when every line it touches was printed verbatim from consecutive template lines. */
function templateFix(fix: Fix | null, origins: LineOrigin[], rl: LineIndex, tpl: SourceFile): Fix | null {
  if (!fix) return null;
  const edits = [];
  for (const e of fix.edits) {
    const a = rl.position(e.start);
    const b = rl.position(e.end);
    let prev = -1;
    for (let l = a.line; l <= b.line; l++) {
      const o = origins[l - 1];
      if (!o || o.how !== 'static' || tpl.lines.lineText(o.line) !== rl.lineText(l)) return null;
      if (prev >= 0 && o.line !== prev + 1) return null;
      prev = o.line;
    }
    const map = (offset: number, line: number) => tpl.lines.lineStart(origins[line - 1]!.line) + (offset - rl.lineStart(line));
    edits.push({ start: map(e.start, a.line), end: map(e.end, b.line), text: e.text });
  }
  return { ...fix, edits };
}

/**
 * Proves moved fixes: the chart is copied to a temporary directory once per render that runs at
 * the same time, each edit applied in a copy, the chart rendered and scanned; a fix stays when its
 * finding is gone and no other finding appeared. Equal edits are rendered once; the renders of a
 * round run together (runTools).
 */
class FixVerifier {
  private readonly copies: string[] = [];
  private readonly before: Map<string, number>;

  constructor(private readonly ctx: HelmMapContext) {
    this.before = counts(ctx.findings);
  }

  keepAll(items: { finding: Finding; placement: Placement }[]): boolean[] {
    return proveMovedFixes(items, this.ctx.cache, this.before, (batch) => this.round(batch));
  }

  /** Renders one set of edits per copy of the chart, at once, and records what each rendering's scan found. */
  private round(batch: EditToProve[]): void {
    while (this.copies.length < batch.length) {
      const copy = mkdtempSync(join(tmpdir(), 'riskgate-chart-'));
      cpSync(this.ctx.chartDir, join(copy, 'chart'), { recursive: true, verbatimSymlinks: true });
      this.copies.push(copy);
    }
    const restore: { target: string; text: string }[] = [];
    try {
      const charts = batch.map((e, slot) => {
        const copy = this.copies[slot];
        const chart = join(copy, 'chart');
        let settings = this.ctx.settings;
        e.files.forEach((f, k) => {
          let target: string;
          if (!relative(this.ctx.chartDir, f.file).startsWith('..')) {
            target = join(chart, relative(this.ctx.chartDir, f.file).split(sep).join('/'));
            restore.push({ target, text: this.ctx.cache.get(f.file)!.text });
          } else {
            // A values file outside the chart: its edited copy replaces it in the values list.
            target = join(copy, `outside-values-${k}.yaml`);
            settings = { ...settings, valuesFiles: settings.valuesFiles.map((v) => (join(this.ctx.chartDir, v) === f.file ? target : v)) };
          }
          writeFileSync(target, f.text);
        });
        return { chartDir: chart, settings };
      });
      renderCharts(this.ctx.helm, charts, this.ctx.limits).forEach((r, slot) => {
        if (r.ok) batch[slot].after = counts(this.ctx.rescan(r.stdout));
      });
      // The same edits under each of the chart's ci values: a fix that breaks the render there, or
      // brings a finding there that was not, is not offered (a literal key beside a switch the ci
      // values turn on prints twice).
      const ci = this.ciSets();
      if (ci.length) {
        const runs = renderCharts(this.ctx.helm, charts.flatMap((c) => ci.map((set) => ({ chartDir: c.chartDir, settings: { ...c.settings, valuesFiles: [...c.settings.valuesFiles, set.file] } }))), this.ctx.limits);
        charts.forEach((_, slot) => {
          ci.forEach((set, k) => {
            const r = runs[slot * ci.length + k];
            if (!r.ok || addsFindings(set.before, counts(this.ctx.rescan(r.stdout)))) batch[slot].after = null;
          });
        });
      }
    } finally {
      for (const r of restore) writeFileSync(r.target, r.text);
    }
  }

  private ci: { file: string; before: Map<string, number> }[] | null = null;

  /**
   * The chart's ci/*-values.yaml (chart-testing's convention; the first three), each rendered once
   * from the chart as it is: what a fix must not make worse under those values either. A values
   * file the chart is already rendered with (its settings, or the ci fallback) is that render.
   */
  private ciSets(): { file: string; before: Map<string, number> }[] {
    if (this.ci) return this.ci;
    const files = ciValuesFiles(this.ctx.chartDir).filter((f) => !this.ctx.settings.valuesFiles.includes(f)).slice(0, 3);
    const runs = files.length ? renderCharts(this.ctx.helm, files.map((f) => ({ chartDir: this.ctx.chartDir, settings: { ...this.ctx.settings, valuesFiles: [...this.ctx.settings.valuesFiles, f] } })), this.ctx.limits) : [];
    this.ci = files.flatMap((file, i) => {
      const r = runs[i];
      return r.ok ? [{ file, before: counts(this.ctx.rescan(r.stdout)) }] : [];
    });
    return this.ci;
  }

  dispose(): void {
    for (const c of this.copies) rmSync(c, { recursive: true, force: true });
  }
}

/** Whether `after` holds a finding (by identity) more often than `before`. */
function addsFindings(before: Map<string, number>, after: Map<string, number>): boolean {
  for (const [k, n] of after) if (n > (before.get(k) ?? 0)) return true;
  return false;
}
