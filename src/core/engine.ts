// The engine: files in, findings and resources out. The CLI, the GitHub Action and the
// reports are thin adapters around `scan` / `scanFiles`.

import { resolve } from 'node:path';
import { discover, toDisplayPath, type Candidate, type Unreadable } from './discovery.js';
import { planRendering, scopeOf, type RenderPlan } from './render/targets.js';
import { scanRendered, startRendering } from './render/scan-rendered.js';
import type { ProveFixes } from './render/place.js';
import { addAttackPaths } from './risk/explain.js';
import { inShard, type Shard } from './shard.js';
import { readSource, fromText, type SourceFile, type ReadResult } from './source-file.js';
import { defaultConfig, type Config } from './config.js';
import { loadManifest, type ManifestLoad } from './k8s/load-manifest.js';
import { ClusterIndex } from './k8s/cluster-index.js';
import { isChecked, refOf, type KubeObject } from './k8s/objects.js';
import { slimObject } from './k8s/slim-object.js';
import { commentDirectives, annotationDirectives } from './k8s/suppressions.js';
import { objectKey, applyDirectives, isValidDate, type Directive, type SuppressionTarget } from './suppress.js';
import { FindingCollector, compareFindings, nodeSpan, type ActiveRule } from './findings.js';
import { defaultParams, isEnabledByDefault, referencesFor, type RuleMeta } from './rule.js';
import type { KubeRule, KubeReport } from './k8s/kube-rule.js';
import type { AttackStep, FileReport, Finding, ResourceReport, Severity } from './types.js';
import type { GraphStep } from './graph/object-graph.js';
import { ALL_RULES, META_RULES, type AnyRule } from '../rules/index.js';
import { analyzeDockerfile, type DockerfileRule } from './docker/analyze.js';
import { styleOf, type YamlStyle } from './fix/yaml-edit.js';
import { guarded } from './rule-failure.js';
import { YPair } from './yaml/ast.js';
import type { LineIndex } from './text.js';
import { detach } from './util/detach.js';
import { boundHeapGrowth } from './util/heap-growth.js';

export interface ScanResult {
  files: FileReport[];
  findings: Finding[];
  resources: ResourceReport[];
  /** The parsed Kubernetes objects, for the risk model and fixes. */
  objects: KubeObject[];
  /** Per-file source text, for code frames and fixes. */
  sources: Map<string, SourceFile>;
  /** The charts and Kustomize roots rendered: each one's path and the directory holding all it reads (for rendering it at another commit). */
  renderScopes?: { path: string; scope: string }[];
}

export interface ScanOptions {
  paths: string[];
  cwd?: string;
  config?: Config;
  /** Root that config globs are relative to (defaults to cwd). */
  root?: string;
  /** For tests: the date suppression expiry is compared with (YYYY-MM-DD). */
  today?: string;
  /** Check and report only this shard's share of the files (shard.ts); every manifest is still read for cross-object facts. */
  shard?: Shard;
  /**
   * Check and report only these units (display paths of files, charts and Kustomize roots, as
   * `scanUnits` lists them), within the shard: how a worker of a parallel scan takes its share.
   */
  owns?: ReadonlySet<string>;
  /** The files and render plan, when found already (planFiles): a parallel scan's workers do not search again. */
  planned?: ScanPlan;
  /** Two passes with a compact cross-object index (see analyze); default: from BOUNDED_FROM_MANIFESTS manifests and BOUNDED_FROM_BYTES of their text on. */
  bounded?: boolean;
  /**
   * false: the result's `sources` stay empty, and a large scan lets each text go once its file is
   * checked. For reports that show no code (JSON); text, SARIF (fix regions) and reviews need them.
   */
  keepTexts?: boolean;
  /**
   * false: fixes in charts and Kustomize roots stay unproved candidates (`Fix.unproved`) instead of
   * being proved by rendering again. Proofs were most of a rendered scan's renders (microservices-demo:
   * 41 renders with them, 17 without), so a plain CLI scan skips them (`--prove-fixes` asks);
   * the action proves the fixes it may suggest, and `riskgate fix` proves each before writing.
   */
  proveFixes?: ProveFixes;
  /**
   * The cross-object facts come from elsewhere (a parallel scan's other workers): this run reads
   * only its own manifests, hands their index copies to `publish`, and checks them against what
   * `receive` returns: every run's copies, in the order a single run would have read them.
   */
  exchange?: IndexExchange;
}

export interface IndexExchange {
  publish(mine: KubeObject[]): void;
  receive(): KubeObject[];
}

/** A unit of work a scan can be split into: a file, or a rendered chart or Kustomize root with all its files. */
export interface ScanUnit {
  path: string;
  /**
   * A Dockerfile needs nothing from other files; a manifest needs every manifest's cross-object
   * facts, so a share with any manifest reads them all. Keeping the two apart saves that read.
   */
  kind: 'dockerfile' | 'manifest' | 'render' | 'problem';
  /** Relative cost, for balancing (about a millisecond each). */
  weight: number;
  /**
   * Further units that must go to the same worker: charts and Kustomize roots that render a
   * common file (a shared base) are listed together, as one file report naming all of them.
   */
  with?: string[];
}

/**
 * Costs measured on a mixed set (npm run bench): a Dockerfile about 2 ms (its shell commands are
 * parsed), a manifest about 0.7 ms plus its size, a chart or Kustomize root about 300 ms (helm or
 * kustomize runs, several times for a chart).
 */
const WEIGHT = { dockerfile: 2, manifestBase: 0.5, manifestPerKiB: 0.1, render: 300, problem: 0.01 };

/** A scan's working directory, configuration and repository root, with their defaults. */
function settingsOf(opts: ScanOptions): { cwd: string; config: Config; root: string } {
  const cwd = opts.cwd ?? process.cwd();
  return { cwd, config: opts.config ?? defaultConfig(), root: resolve(opts.root ?? cwd) };
}

/** What a scan starts from: its settings, the files found, and the charts and roots to render. */
function planScan(opts: ScanOptions) {
  const { cwd, config, root } = settingsOf(opts);
  const { candidates, problems, plan } = opts.planned ?? planFiles(opts);
  return { cwd, config, root, candidates, problems, plan, inMyShard: opts.shard ? shardMembership(opts.shard, plan) : () => true };
}

/**
 * Whether a path is in a shard: by a hash of its path, except that charts and Kustomize roots
 * rendering a common file (a shared base) go where the first of them goes, so a shared base is
 * rendered and listed by one shard, naming every root, as one scan lists it.
 */
function shardMembership(shard: Shard, plan: RenderPlan | null): (path: string) => boolean {
  const inIt = inShard(shard);
  const leader = new Map<string, string>();
  for (const group of renderGroups(plan)) for (const p of group.slice(1)) leader.set(p, group[0]);
  return (path) => inIt(leader.get(path) ?? path);
}

/** The files a scan finds, and the charts and roots it renders (ScanOptions.planned). */
export interface ScanPlan {
  candidates: Candidate[];
  problems: Unreadable[];
  plan: RenderPlan | null;
}

/** Finds the files and plans the rendering: once per scan, however many workers check it. */
export function planFiles(opts: ScanOptions): ScanPlan {
  const { cwd, config, root } = settingsOf(opts);
  const { candidates, problems } = discover(opts.paths, { cwd, root, include: config.include, exclude: config.exclude });
  // Files of a Helm chart or a Kustomize root are checked through its rendering, not one by one.
  const plan = config.render.enabled ? planRendering(candidates, { cwd, root }) : null;
  return { candidates, problems, plan };
}

/** The units `scan(opts)` would check, after discovery and render planning, each with its weight. */
export function scanUnits(opts: ScanOptions): ScanUnit[] {
  const { candidates, problems, plan, inMyShard: mine } = planScan(opts);
  const units: ScanUnit[] = [];
  for (const c of candidates) {
    if (plan?.owners.has(c.absPath) || !mine(c.path)) continue;
    if (c.kind === 'dockerfile') units.push({ path: c.path, kind: 'dockerfile', weight: WEIGHT.dockerfile });
    else units.push({ path: c.path, kind: 'manifest', weight: WEIGHT.manifestBase + (WEIGHT.manifestPerKiB * (c.size ?? 0)) / 1024 });
  }
  for (const group of renderGroups(plan)) {
    const paths = group.filter(mine);
    if (paths.length) units.push({ path: paths[0], kind: 'render', weight: WEIGHT.render * paths.length, ...(paths.length > 1 ? { with: paths.slice(1) } : {}) });
  }
  for (const p of problems) if (mine(p.path)) units.push({ path: p.path, kind: 'problem', weight: WEIGHT.problem });
  return units;
}

/** Target paths grouped so that targets rendering a common file are in one group (in plan order). */
function renderGroups(plan: RenderPlan | null): string[][] {
  if (!plan) return [];
  const group = new Map<string, string[]>(plan.targets.map((t) => [t.path, [t.path]]));
  for (const owners of plan.owners.values()) {
    const first = group.get(owners[0].path)!;
    for (const t of owners.slice(1)) {
      const other = group.get(t.path)!;
      if (other === first) continue;
      for (const p of other) {
        first.push(p);
        group.set(p, first);
      }
    }
  }
  const order = new Map(plan.targets.map((t, i) => [t.path, i]));
  return [...new Set(group.values())].map((g) => g.sort((a, b) => order.get(a)! - order.get(b)!));
}

/** One order for resources whatever produced them (one scan, workers, merged shards): path, line, kind, name. */
export function compareResources(a: ResourceReport, b: ResourceReport): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

export function scan(opts: ScanOptions): ScanResult {
  const { cwd, config, root, candidates, problems, plan: planned, inMyShard } = planScan(opts);
  const owns = opts.owns;
  const mine = owns ? (path: string) => inMyShard(path) && owns.has(path) : inMyShard;
  const split = Boolean(opts.shard || owns);
  const plan = planned && split ? { ...planned, targets: planned.targets.filter((t) => mine(t.path)) } : planned;
  // Out of this shard: Dockerfiles are not even read; manifests are read for the cross-object index only.
  const unowned = plan ? candidates.filter((c) => !plan.owners.has(c.absPath)) : candidates;
  // Other manifests are read for the cross-object facts of this run's own manifests; a run that
  // checks no manifest (a worker given only Dockerfiles) needs none of them.
  const checksManifests = unowned.some((c) => c.kind === 'manifest' && mine(c.path));
  // With an exchange, other runs send their manifests' facts: this one reads only its own.
  const standalone = unowned.filter((c) => (c.kind === 'manifest' && checksManifests && !opts.exchange) || mine(c.path));
  const inputs = standalone.map((c) => ({ candidate: c, read: () => readSource(c.absPath, c.path, config.maxFileSize) }));
  const display = (abs: string) => toDisplayPath(cwd, abs);
  // helm and kustomize start now and run while the files are read and checked (scan-rendered.ts).
  const renders = plan?.targets.length ? startRendering(plan, { cwd, root, config, display }) : null;
  let result: ScanResult;
  try {
    result = analyze(inputs, config, { today: opts.today, report: mine, bounded: opts.bounded, exchange: opts.exchange, keepTexts: opts.keepTexts });
  } catch (e) {
    renders?.discard();
    throw e;
  }
  if (plan?.targets.length) {
    const renderedConfig = { ...config, maxFileSize: config.render.maxOutput };
    const r = scanRendered(plan, {
      cwd,
      root,
      config,
      display,
      proveFixes: opts.proveFixes ?? true,
      scanText: (path, text) => scanFiles([{ path, text, kind: 'manifest', rendered: true }], renderedConfig, opts.today),
    }, renders!);
    // Loops, not spreads: a spread of more than about 100,000 items overflows the call stack.
    for (const f of r.files) result.files.push(f);
    for (const f of r.findings) result.findings.push(f);
    result.findings.sort(compareFindings);
    for (const x of r.resources) result.resources.push(x);
    for (const o of r.objects) result.objects.push(o);
    for (const [p, f] of r.sources) if (!result.sources.has(p)) result.sources.set(p, f);
    result.renderScopes = plan.targets.map((t) => ({ path: t.path, scope: toDisplayPath(cwd, scopeOf(t)) }));
  }
  // Files of a target another shard renders are that shard's to list.
  if (plan && split) result.files = result.files.filter((f) => !f.rendered || mine(f.rendered.root));
  result.resources.sort(compareResources);
  addAttackPaths(result.resources, result.findings);
  for (const p of problems) if (mine(p.path)) result.files.push({ path: p.path, type: null, status: 'skipped', reason: p.reason });
  result.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (opts.keepTexts === false) result.sources = new Map();
  return result;
}

/** Scans in-memory files (the action's base-branch versions, tests). */
export function scanFiles(files: { path: string; text: string; kind?: 'dockerfile' | 'manifest'; rendered?: boolean }[], config: Config = defaultConfig(), today?: string): ScanResult {
  const inputs = files.map((f) => {
    const kind = f.kind ?? (/\.(ya?ml|json)$/i.test(f.path) ? 'manifest' : 'dockerfile');
    const candidate: Candidate = { absPath: f.path, path: f.path, kind, explicit: true, rendered: f.rendered };
    const read: ReadResult = Buffer.byteLength(f.text) > config.maxFileSize ? { ok: false, status: 'skipped', reason: 'over the maxFileSize limit' } : { ok: true, file: fromText(f.path, f.text.replace(/^\ufeff/, '')) };
    return { candidate, read: () => read };
  });
  const result = analyze(inputs, config, { today });
  result.resources.sort(compareResources);
  addAttackPaths(result.resources, result.findings);
  return result;
}

export function activeRules(config: Config, rules: AnyRule[] = ALL_RULES): ActiveRule<AnyRule>[] {
  const out: ActiveRule<AnyRule>[] = [];
  for (const rule of rules) {
    const setting = config.rules[rule.meta.id] ?? {};
    const enabled = setting.enabled ?? isEnabledByDefault(rule.meta);
    if (!enabled) continue;
    out.push({ rule, meta: rule.meta, severity: (setting.severity ?? rule.meta.severity) as Severity, params: { ...defaultParams(rule.meta), ...(setting.params ?? {}) } });
  }
  return out;
}

type ScannedManifest = Extract<ManifestLoad, { status: 'scanned' }>;

/** A file to analyze; read when its turn comes (and again in a bounded scan's second pass). */
interface AnalyzeInput {
  candidate: Candidate;
  read: () => ReadResult;
}

/**
 * From this many manifests on, a scan bounds its memory: a first pass keeps only a small copy of
 * each object for the cross-object index (k8s/slim-object.ts) and frees the file; a second pass
 * reads each file again, checks it and frees it, keeping the text only of files with findings.
 * Reading twice costs about a tenth more time; holding every tree costs about 80 KB per file.
 */
export const BOUNDED_FROM_MANIFESTS = 1000;
/**
 * …and from this much manifest text: a parsed tree takes 11 to 12 times its text (measured on
 * real-world and test manifests), so below it the trees take less than about 70 MB, and parsing
 * every file twice (about a tenth of the scan's time) buys nothing worth having.
 */
export const BOUNDED_FROM_BYTES = 6 * 1024 * 1024;

interface AnalyzeOptions {
  today?: string;
  /** Whether a file's findings, resources and status belong to this run (sharding); the others only feed the cross-object index. */
  report?: (path: string) => boolean;
  /** Two passes as described above (default: from BOUNDED_FROM_MANIFESTS manifests and BOUNDED_FROM_BYTES on); both give the same result (test/bounded-scan.test.ts). */
  bounded?: boolean;
  exchange?: IndexExchange;
  /** false: texts are not kept for reports (ScanOptions.keepTexts). */
  keepTexts?: boolean;
}

function analyze(inputs: AnalyzeInput[], config: Config, options: AnalyzeOptions = {}): ScanResult {
  const { bounded, exchange } = options;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const report = options.report ?? (() => true);
  const keepTexts = options.keepTexts !== false;
  const files: FileReport[] = [];
  const sources = new Map<string, SourceFile>();
  const objects: KubeObject[] = [];
  const images: ResourceReport[] = [];
  const collector = new FindingCollector();
  const targets: { finding: Finding; target: SuppressionTarget }[] = [];
  const directives: Directive[] = [];
  /**
   * Files with suppression directives. A directive applies in its own file only, and a file's
   * directives are known before its findings are made, so a finding is kept as a suppression
   * target only when its file has any (a target per finding was 12 MB at 113,000 findings).
   */
  const directiveFiles = new Set<string>();
  const addDirective = (d: Directive) => {
    directives.push(d);
    directiveFiles.add(d.file);
  };
  const active = activeRules(config);
  /** Per file: text that aliases, merge keys or duplicate keys make more than one value (no fixes there). */
  const sharedText = new Map<string, { start: number; end: number }[]>();
  const kubeRules = active.filter((a) => a.meta.target === 'kubernetes') as ActiveRule<KubeRule>[];
  const dockerRules = active.filter((a) => a.meta.target === 'dockerfile') as ActiveRule<DockerfileRule>[];
  let manifestCount = 0;
  let manifestBytes = 0;
  for (const i of inputs)
    if (i.candidate.kind === 'manifest') {
      manifestCount++;
      manifestBytes += i.candidate.size ?? 0;
    }
  const bigScan = bounded ?? (manifestCount >= BOUNDED_FROM_MANIFESTS && manifestBytes >= BOUNDED_FROM_BYTES);
  if (bigScan) boundHeapGrowth();
  // An exchanged index is made of index copies, so it takes the two-pass path; a small share keeps
  // its loaded files for the second pass instead of reading them again.
  const twoPass = bigScan || Boolean(exchange);
  const keptLoads = new Map<AnalyzeInput, { file: SourceFile; load: ScannedManifest }>();
  if (exchange) {
    // Manifests first: their index copies go to the other workers while this one checks Dockerfiles.
    inputs = [...inputs.filter((i) => i.candidate.kind === 'manifest'), ...inputs.filter((i) => i.candidate.kind !== 'manifest')];
  }
  let published = false;
  const publish = () => {
    if (exchange && !published) exchange.publish(indexed);
    published = true;
  };
  /** Two passes: the index's copies of every object, and the manifests to check in the second pass. */
  const indexed: KubeObject[] = [];
  const toCheck: AnalyzeInput[] = [];
  const resources: ResourceReport[] = [];
  /**
   * A file's text is kept for reports only when it has findings (and reports want texts) or
   * suppressions to report on (a suppression without a reason is reported at the end).
   */
  const release = (path: string, findingsBefore: number, directivesBefore: number) => {
    if ((collector.findings.length === findingsBefore || !keepTexts) && directives.length === directivesBefore) sources.delete(path);
    collector.forget(path);
  };

  /** Loads a manifest; null (with its file report) when it has nothing to check. */
  const loadChecked = (candidate: Candidate, file: SourceFile, mine: boolean): ScannedManifest | null => {
    let load: ReturnType<typeof loadManifest>;
    try {
      load = loadManifest(file, { rendered: candidate.rendered });
    } catch (e) {
      files.push({ path: file.path, type: 'kubernetes', status: 'error', reason: `riskgate failed to read this manifest (${(e as Error).message}); please report this` });
      return null;
    }
    if (load.status !== 'scanned') {
      if (mine) files.push({ path: file.path, type: load.status === 'skipped' && load.reason.startsWith('not a Kubernetes') ? null : 'kubernetes', status: load.status, reason: load.reason });
      return null;
    }
    return load;
  };
  /** Registers a loaded manifest this run reports on: its status, text, shared text and suppressions. */
  const register = (file: SourceFile, load: ScannedManifest) => {
    sources.set(file.path, file);
    if (load.shared.length) sharedText.set(file.path, load.shared);
    files.push({
      path: file.path,
      type: 'kubernetes',
      status: load.errors.length ? 'error' : 'scanned',
      reason: load.errors.length ? `${load.errors.join('; ')} (the file's other documents were scanned)` : null,
    });
    for (const d of commentDirectives(file.path, file.lines)) addDirective(d);
    for (const o of load.objects) for (const d of annotationDirectives(o, file.lines)) addDirective(d);
  };
  const resourceOf = (o: KubeObject, file: SourceFile): ResourceReport => ({
    path: o.path,
    line: file.lines.position(o.node.start).line,
    kind: o.kind,
    name: o.name,
    namespace: o.namespace,
    checked: isChecked(o),
    risk: null,
  });

  for (const input of inputs) {
    const { candidate } = input;
    if (candidate.kind !== 'manifest') publish();
    const read = input.read();
    const type = candidate.kind === 'dockerfile' ? 'dockerfile' : 'kubernetes';
    const mine = report(candidate.path);
    if (!read.ok) {
      if (!mine) continue;
      files.push({ path: candidate.path, type, status: read.status, reason: read.reason });
      continue;
    }
    const file = read.file;
    if (candidate.kind === 'dockerfile') {
      const findingsBefore = collector.findings.length;
      const directivesBefore = directives.length;
      sources.set(file.path, file);
      let result: ReturnType<typeof analyzeDockerfile>;
      try {
        result = analyzeDockerfile(file, dockerRules, collector);
      } catch (e) {
        files.push({ path: file.path, type: 'dockerfile', status: 'error', reason: `riskgate failed to read this Dockerfile (${(e as Error).message}); please report this` });
        continue;
      }
      files.push({ path: file.path, type: 'dockerfile', status: result.status, reason: result.reason });
      const final = result.status === 'scanned' ? result.model?.stages[result.model.stages.length - 1] : undefined;
      // Each Dockerfile's final image is a resource: it gets a risk score like a workload.
      if (final) images.push({ path: file.path, line: final.from.line, kind: 'Dockerfile', name: detach(final.alias) ?? (file.path.split('/').slice(-2, -1)[0] || 'image'), namespace: null, checked: true, risk: null });
      for (const d of result.directives) addDirective(d);
      for (const t of result.targets) if (directiveFiles.has(t.target.file)) targets.push(t);
      if (twoPass) release(file.path, findingsBefore, directivesBefore);
      continue;
    }
    const load = loadChecked(candidate, file, mine);
    if (!load) continue;
    if (twoPass) {
      for (const o of load.objects) indexed.push(slimObject(o));
      if (mine) toCheck.push(input);
      if (mine && !bigScan) keptLoads.set(input, { file, load });
      continue;
    }
    for (const o of load.objects) objects.push(o);
    if (!mine) continue;
    register(file, load);
  }

  publish();
  const index = new ClusterIndex(exchange ? exchange.receive() : twoPass ? indexed : objects);
  const styles = new Map<string, YamlStyle>();
  const ruleFailures = new Map<string, string[]>();
  const checkObject = (object: KubeObject, file: SourceFile) => {
    if (!isChecked(object) || !report(object.path)) return;
    const key = objectKey(object.path, object.documentIndex, object.itemIndex);
    const resource = refOf(object);
    let style = styles.get(object.path);
    if (!style) styles.set(object.path, (style = styleOf(file.text, object.path)));
    const failures = ruleFailures.get(object.path) ?? [];
    ruleFailures.set(object.path, failures);
    for (const a of kubeRules) {
      // A rule that throws costs only its own findings on this object: the others still run.
      guarded(a.meta.id, failures, () => a.rule.check({
        object,
        index,
        params: a.params,
        source: file.text,
        style,
        report: (r) => {
          const span = nodeSpan(file.lines, r.at, r.keyOnly);
          const snippet = file.text.slice(r.at.start, Math.min(r.at.end, r.at.start + 160));
          const resolved = throughAnchors(r, file.lines, sharedText.get(object.path));
          const references = referencesFor(a.meta, r.condition);
          const finding = collector.add({
            active: a,
            references,
            path: object.path,
            span,
            snippet: `${snippet}\0${r.message}`,
            message: r.message + resolved.suffix,
            resource,
            container: r.container?.name ?? null,
            fix: resolved.fix,
            severity: r.severity && !config.rules[a.meta.id]?.severity ? r.severity : undefined,
          });
          if (resolved.note) finding.notes = [...(finding.notes ?? []), resolved.note];
          if (r.steps) finding.steps = r.steps.map(placeStep);
          if (directiveFiles.has(object.path)) targets.push({ finding, target: { file: object.path, ruleId: a.meta.id, references, line: span.line, objectKey: key } });
        },
      }));
    }
  };

  if (!twoPass) {
    for (const object of objects) checkObject(object, sources.get(object.path)!);
    for (const o of objects) if (report(o.path)) resources.push(resourceOf(o, sources.get(o.path)!));
  } else {
    // Second pass: each manifest read again, checked against the index, and let go.
    for (const input of toCheck) {
      let file: SourceFile;
      let load: ScannedManifest | null;
      const kept = keptLoads.get(input);
      if (kept) {
        ({ file, load } = kept);
        keptLoads.delete(input);
      } else {
        const read = input.read();
        if (!read.ok) {
          files.push({ path: input.candidate.path, type: 'kubernetes', status: read.status, reason: read.reason });
          continue;
        }
        file = read.file;
        load = loadChecked(input.candidate, file, true);
      }
      if (!load) continue;
      const findingsBefore = collector.findings.length;
      const directivesBefore = directives.length;
      register(file, load);
      for (const object of load.objects) checkObject(object, file);
      for (const o of load.objects) resources.push(resourceOf(o, file));
      styles.delete(file.path);
      release(file.path, findingsBefore, directivesBefore);
    }
  }
  for (const f of files) {
    const failures = ruleFailures.get(f.path);
    if (!failures?.length) continue;
    f.status = 'error';
    f.reason = [f.reason, ...failures].filter(Boolean).join('; ');
  }

  reportDirectiveProblems(directives, active, sources, collector, targets);
  applyDirectives(targets, directives, today);

  for (const image of images) resources.push(image);
  return { files, findings: collector.findings.sort(compareFindings), resources, objects, sources };
}

/** A graph step in its own file: the object's path and the line of the node it points at. */
function placeStep(s: GraphStep): AttackStep {
  const o = s.object;
  const cut = s.cut ? { cut: s.cut } : {};
  if (!o || !o.positions) return { label: s.label, note: s.note, path: null, line: null, ...cut };
  const at = s.at ?? o.node.pairOf('kind') ?? o.node;
  return { label: s.label, note: s.note, path: o.path, line: o.positions.position(at.start).line, ...cut };
}

/**
 * What YAML resolution changes about a finding: a value that came in through an alias or a merge
 * key names the line that brought it in, and no fix edits text that more than one value reads
 * (an anchor's definition, a mapping with merge or duplicate keys): such an edit would change
 * other uses too, so the finding says why it has no automatic fix.
 */
function throughAnchors(r: KubeReport, lines: LineIndex, shared: { start: number; end: number }[] | undefined): { suffix: string; fix: KubeReport['fix'] | null; note: string | null } {
  const node = r.at instanceof YPair ? r.at.value : r.at;
  const via = node.via ?? (r.at instanceof YPair ? r.at.key.via : null);
  const suffix = via ? ` (set through the ${via.kind === 'merge' ? '`<<` merge key' : 'alias'} at line ${lines.position(via.offset).line})` : '';
  const fix = r.fix ?? null;
  const hit = fix && shared?.find((s) => fix.edits.some((e) => e.start <= s.end && e.end >= s.start));
  if (!fix || !hit) return { suffix, fix, note: null };
  const from = lines.position(hit.start).line;
  const to = lines.position(hit.end).line;
  return {
    suffix,
    fix: null,
    note: `no automatic fix: the text to change (line${from === to ? ` ${from}` : `s ${from}-${to}`}) is read through a YAML anchor, merge key or duplicate key, so editing it would change other values too; edit it by hand`,
  };
}

/** A suppression without a reason (or with a bad expiry) is itself a finding. */
function reportDirectiveProblems(
  directives: Directive[],
  active: ActiveRule<AnyRule>[],
  sources: Map<string, SourceFile>,
  collector: FindingCollector,
  targets: { finding: Finding; target: SuppressionTarget }[],
): void {
  const meta = active.find((a) => a.meta.id === META_RULES.suppressionReason.meta.id);
  if (!meta) return;
  for (const d of directives) {
    if (!d.requiresReason) continue;
    const problem = !d.reason
      ? `suppression of ${d.targets.join(', ') || '(no rule named)'} has no reason; write one after \`--\``
      : d.targets.length === 0
        ? 'suppression names no rule; name the rule IDs to ignore'
        : d.expires && !isValidDate(d.expires)
          ? `suppression expiry "${d.expires}" is not a date (until=YYYY-MM-DD)`
          : null;
    if (!problem) continue;
    const file = sources.get(d.file);
    if (!file) continue;
    const span = { line: d.line, column: d.column, endLine: d.line, endColumn: d.endColumn };
    const finding = collector.add({ active: meta, path: file.path, span, snippet: file.lines.lineText(d.line), message: problem, resource: null, container: null });
    targets.push({ finding, target: { file: file.path, ruleId: meta.meta.id, references: [], line: d.line, objectKey: null } });
  }
}


export type { RuleMeta };
