// Which Helm charts and Kustomize roots a scan has to render, and which of the scanned files
// they own (those are checked through the rendering, not on their own).
//
// Helm: a directory with Chart.yaml is a chart; a chart inside another chart's `charts/` is a
// subchart and is rendered through its parent. Every file under a chart belongs to it.
// Kustomize: every kustomization under the scan root is read (statically, without running
// anything) for what it includes; every kustomization that is not a Component is a root, and a
// root is rendered when a scanned file is part of it. Components are checked through the roots
// that use them; one that no root uses is built over the nearest root (nearestBase), or alone.

import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parseYaml } from '../yaml/parse.js';
import { YMap, YScalar, YSeq } from '../yaml/ast.js';
import { isDockerfileName, toDisplayPath, type Candidate } from '../discovery.js';
import { append } from '../util/append.js';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export interface ChartTarget {
  kind: 'helm';
  /** Absolute directory of the chart. */
  dir: string;
  /** The chart directory as shown to users (relative to the working directory). */
  path: string;
}

export interface KustomizeTarget {
  kind: 'kustomize';
  dir: string;
  path: string;
  /** The kustomization file of the root. */
  file: string;
  /** Every file the root includes, directly or through bases and components (absolute). */
  closure: Set<string>;
  /** Kustomizations reached, root first (absolute directories). */
  chain: string[];
  /** Remote bases or resources, which riskgate never fetches. */
  remote: string[];
  /**
   * A Component that no kustomization of the repository uses: built as a Component (listed under
   * components:), over `over` when there is one; alone, one that only patches what it does not
   * hold cannot build and is reported as not checked.
   */
  component?: boolean;
  /**
   * For such a Component: the kustomization it is built over (the nearest one in the tree that is
   * not a Component), since most Components patch resources they do not hold. Only findings on
   * the Component's own files (`componentFiles`) are its; the base is checked as its own root.
   */
  over?: string;
  componentFiles?: Set<string>;
}

export type RenderTarget = ChartTarget | KustomizeTarget;

export interface RenderPlan {
  targets: RenderTarget[];
  /** Scanned files that a target renders: file → the targets that own it. */
  owners: Map<string, RenderTarget[]>;
}

export interface Kustomization {
  dir: string;
  file: string;
  /** Local files it names: resources, patches (absolute). */
  files: string[];
  /** Directories of kustomizations it includes (resources, bases, components). */
  children: string[];
  remote: string[];
  /** Patch files by kind, for mapping findings to the line that set a field. */
  patchFiles: string[];
  /** `kind: Component`: not built by itself; a kustomization includes it under `components:`. */
  component: boolean;
}

const SKIP_DIRS = new Set(['.git', 'node_modules']);
/** A walk of the whole root stops here: enough for any real repository, bounded for a hostile one. */
const MAX_WALK_ENTRIES = 500_000;

export function kustomizationFile(dir: string): string | null {
  for (const name of KUSTOMIZATION_FILES) {
    const f = join(dir, name);
    if (existsSync(f) && statSync(f).isFile()) return f;
  }
  return null;
}

export function isRemote(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(ref) || /^(git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/)/.test(ref) || /\?(ref|version)=/.test(ref) || ref.startsWith('git::');
}

/** Reads what a kustomization includes, without running kustomize. */
export function readKustomization(dir: string, file: string): Kustomization {
  const k: Kustomization = { dir, file, files: [], children: [], remote: [], patchFiles: [], component: false };
  let root: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    root = parseYaml(text).documents[0]?.root ?? null;
  } catch {
    return k;
  }
  if (!(root instanceof YMap)) return k;
  k.component = root.str('kind') === 'Component';
  const local = (ref: string, patch: boolean) => {
    if (isRemote(ref)) return void k.remote.push(ref);
    const abs = resolve(dir, ref);
    let st;
    try {
      st = statSync(abs);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      if (kustomizationFile(abs)) k.children.push(abs);
    } else {
      k.files.push(abs);
      if (patch) k.patchFiles.push(abs);
    }
  };
  for (const key of ['resources', 'bases', 'components']) {
    const list = root.get(key);
    if (list instanceof YSeq) for (const item of list.items) if (item instanceof YScalar && typeof item.value === 'string') local(item.value, false);
  }
  const patches = root.get('patches');
  if (patches instanceof YSeq) for (const p of patches.items) if (p instanceof YMap && p.str('path')) local(p.str('path')!, true);
  const smp = root.get('patchesStrategicMerge');
  if (smp instanceof YSeq) for (const p of smp.items) if (p instanceof YScalar && typeof p.value === 'string' && !p.value.includes('\n')) local(p.value, true);
  const json = root.get('patchesJson6902');
  if (json instanceof YSeq) for (const p of json.items) if (p instanceof YMap && p.str('path')) local(p.str('path')!, true);
  return k;
}

/** Every kustomization under `root`. */
export function findKustomizations(root: string): Map<string, Kustomization> {
  const out = new Map<string, Kustomization>();
  let budget = MAX_WALK_ENTRIES;
  const walk = (dir: string) => {
    let entries: Dirent[];
    try {
      // With their types: a stat per entry (and a second directory read per symlink test) was
      // most of this walk, 40–50 ms of a 4,600-file scan.
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    budget -= entries.length;
    if (budget < 0) return;
    for (const e of entries) {
      if (KUSTOMIZATION_FILES.includes(e.name) && !out.has(dir)) {
        const f = kustomizationFile(dir);
        if (f) out.set(dir, readKustomization(dir, f));
      }
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (SKIP_DIRS.has(e.name)) continue;
      // A symbolic link is not a directory here, so symlinked directories are not followed:
      // discovery never leaves the root through one either.
      if (e.isDirectory()) walk(join(dir, e.name));
    }
  };
  walk(root);
  return out;
}

/** The chart a file belongs to: the outermost chart whose `charts/` holds the innermost. */
export function chartOf(file: string, stopAt: string, cache = new Map<string, string | null>()): string | null {
  const chain: string[] = [];
  let dir = dirname(file);
  const stop = resolve(stopAt);
  for (;;) {
    let isChart = cache.get(dir);
    if (isChart === undefined) {
      isChart = existsSync(join(dir, 'Chart.yaml')) ? dir : null;
      cache.set(dir, isChart);
    }
    if (isChart) chain.push(dir);
    const parent = dirname(dir);
    if (dir === stop || parent === dir || !(dir + sep).startsWith(stop + sep)) break;
    dir = parent;
  }
  if (!chain.length) return null;
  // From the innermost chart outwards, a chart in its parent's charts/ directory is a subchart.
  let chart = chain[0];
  for (let i = 1; i < chain.length; i++) {
    if (dirname(chart) === join(chain[i], 'charts')) chart = chain[i];
    else break;
  }
  return chart;
}

export function planRendering(candidates: Candidate[], opts: { cwd: string; root: string }): RenderPlan {
  const targets: RenderTarget[] = [];
  const owners = new Map<string, RenderTarget[]>();
  const own = (file: string, t: RenderTarget) => append(owners, file, t);

  const charts = new Map<string, ChartTarget>();
  const cache = new Map<string, string | null>();
  for (const c of candidates) {
    // A file named on the command line that is not YAML (a template helper `_helpers.tpl`) is read
    // as a Dockerfile by discovery; inside a chart it belongs to the chart. Real Dockerfiles stay.
    if (c.kind === 'dockerfile' && isDockerfileName(basename(c.absPath))) continue;
    const dir = chartOf(c.absPath, opts.root, cache);
    if (!dir || plainManifestInChart(c.absPath, dir)) continue;
    let t = charts.get(dir);
    if (!t) charts.set(dir, (t = { kind: 'helm', dir, path: toDisplayPath(opts.cwd, dir) }));
    own(c.absPath, t);
  }
  targets.push(...[...charts.values()].sort((a, b) => (a.path < b.path ? -1 : 1)));

  if (!candidates.some((c) => c.kind === 'manifest' && !owners.has(c.absPath))) return { targets, owners };
  const all = findKustomizations(resolve(opts.root));
  if (!all.size) return { targets, owners };
  const wanted = new Set(candidates.filter((c) => c.kind === 'manifest' && !owners.has(c.absPath)).map((c) => c.absPath));
  // Every kustomization that is not a Component is a root, nested ones too: a base another overlay
  // includes is deployable by itself (an Argo CD application may point at it), and what the
  // overlay patches away is still in the base. Components are checked through the roots using them.
  const sorted = [...all.values()].sort((a, b) => (a.dir < b.dir ? -1 : 1));
  const usedComponents = new Set<string>();
  const rootOf = new Map<Kustomization, KustomizeTarget>();
  for (const k of sorted) {
    if (k.component) continue;
    const t = closureOf(k, all, opts.cwd);
    rootOf.set(k, t);
    for (const dir of t.chain) usedComponents.add(dir);
    const hits = [...t.closure].filter((f) => wanted.has(f));
    if (!hits.length) continue;
    targets.push(t);
    for (const f of hits) own(f, t);
  }
  const bases = sorted.filter((k) => !k.component);
  // A scan of a Component's own directory holds no base for it: its base is looked for in the
  // whole checkout (the nearest directory above with .git), found once.
  let wider: { all: Map<string, Kustomization>; bases: Kustomization[] } | null = null;
  const widerBases = () => {
    if (!wider) {
      const top = checkoutRoot(resolve(opts.root));
      const found = top === resolve(opts.root) ? all : findKustomizations(top);
      wider = { all: found, bases: [...found.values()].filter((k) => !k.component).sort((a, b) => (a.dir < b.dir ? -1 : 1)) };
    }
    return wider;
  };
  for (const k of sorted) {
    if (!k.component || usedComponents.has(k.dir)) continue;
    const alone = closureOf(k, all, opts.cwd);
    let over = nearestBase(k.dir, bases);
    let baseRoot = over ? rootOf.get(over)! : null;
    if (!over) {
      const w = widerBases();
      over = nearestBase(k.dir, w.bases);
      baseRoot = over ? closureOf(over, w.all, opts.cwd) : null;
    }
    if (over && baseRoot) {
      const t: KustomizeTarget = mergeClosures(alone, baseRoot, over.dir);
      const hits = [...alone.closure].filter((f) => wanted.has(f));
      if (!hits.length) continue;
      targets.push(t);
      for (const f of hits) own(f, t);
      continue;
    }
    const t: KustomizeTarget = { ...alone, component: true };
    // Rendered when one of its own files is scanned; the base's files are the base root's.
    const hits = [...alone.closure].filter((f) => wanted.has(f));
    if (!hits.length) continue;
    targets.push(t);
    for (const f of hits) own(f, t);
  }
  return { targets, owners };
}

/** The kustomization (not a Component) nearest to `dir`: the deepest common ancestor, then the shallowest, then by name. */
function nearestBase(dir: string, bases: Kustomization[]): Kustomization | null {
  let best: { k: Kustomization; shared: number; depth: number } | null = null;
  const parts = dir.split(sep);
  for (const k of bases) {
    const kp = k.dir.split(sep);
    let shared = 0;
    while (shared < parts.length && shared < kp.length && parts[shared] === kp[shared]) shared++;
    if (!best || shared > best.shared || (shared === best.shared && kp.length < best.depth)) best = { k, shared, depth: kp.length };
  }
  // Paths split as ['', 'repo', …]: sharing only the leading '' is sharing nothing but `/`.
  return best && best.shared > 1 ? best.k : null;
}

function mergeClosures(component: KustomizeTarget, base: KustomizeTarget, over: string): KustomizeTarget {
  return {
    ...component,
    component: true,
    over,
    componentFiles: new Set(component.closure),
    closure: new Set([...component.closure, ...base.closure]),
    chain: [...component.chain, ...base.chain],
    remote: [...component.remote, ...base.remote],
  };
}

/**
 * A Kubernetes manifest kept in a chart's directory but outside what helm reads as templates
 * (`examples/<name>/rendered/<file>.yaml`, `docs/`): helm never renders it, so it is scanned as the plain
 * manifest it is. Templates, subcharts, CRDs and values files stay the chart's.
 */
function plainManifestInChart(file: string, chartDir: string): boolean {
  const rel = relative(chartDir, file).split(sep);
  if (rel.length < 2 || ['templates', 'charts', 'crds'].includes(rel[0])) return false;
  if (!/\.ya?ml$/i.test(file)) return false;
  let head: string;
  try {
    head = readFileSync(file, 'utf8').slice(0, 4096);
  } catch {
    return false;
  }
  // A template action makes it a template of some tool; a plain manifest has both keys at the top level.
  return !head.includes('{{') && /^apiVersion:\s*\S/m.test(head) && /^kind:\s*\S/m.test(head);
}

function closureOf(root: Kustomization, all: Map<string, Kustomization>, cwd: string): KustomizeTarget {
  const closure = new Set<string>();
  const chain: string[] = [];
  const remote: string[] = [];
  const visit = (k: Kustomization) => {
    if (chain.includes(k.dir)) return;
    chain.push(k.dir);
    closure.add(k.file);
    for (const f of k.files) closure.add(f);
    remote.push(...k.remote);
    for (const c of k.children) {
      const child = all.get(c) ?? (kustomizationFile(c) ? readKustomization(c, kustomizationFile(c)!) : null);
      if (child) visit(child);
    }
  };
  visit(root);
  return { kind: 'kustomize', dir: root.dir, path: toDisplayPath(cwd, root.dir), file: root.file, closure, chain, remote };
}

export function relativeTo(from: string, to: string): string {
  return relative(from, to).split(sep).join('/');
}

/** The directory holding everything a target reads: the chart, or the common ancestor of a root's files. */
export function scopeOf(t: RenderTarget): string {
  return t.kind === 'helm' ? t.dir : commonAncestor([t.dir, ...t.chain, ...t.closure]);
}

/** The deepest directory holding every one of `paths` (absolute). */
export function commonAncestor(paths: string[]): string {
  let from = paths[0];
  for (const p of paths) while (!(p + sep).startsWith(from + sep) && from !== dirname(from)) from = dirname(from);
  return from;
}

/** The checkout a directory is in: the nearest directory at or above it with .git, else the directory itself. */
export function checkoutRoot(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return dir;
  }
}
