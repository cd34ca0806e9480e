// Renders a Kustomize root through a temporary wrapper kustomization that asks for
// `buildMetadata: [originAnnotations, transformerAnnotations]` (the user's files are never
// edited), learns each object's origin file from them, removes them again, and places findings
// on the line that holds the field: the patch that set it, else the base file.
//
// Never run: exec or container KRM functions and alpha plugins (the flags stay off), Helm
// inflation unless render.kustomize.enableHelm is set, remote bases (refused before rendering;
// git and HTTP are also blocked in the environment, see run-tool.ts).

import { cpSync, lstatSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseYaml } from '../yaml/parse.js';
import { YMap, YPair, YScalar, YSeq, type YNode } from '../yaml/ast.js';
import { LineIndex } from '../text.js';
import type { SourceFile } from '../source-file.js';
import type { Finding, Fix, ResourceReport } from '../types.js';
import { objectsOf, type KubeObject } from '../k8s/objects.js';
import type { ScanResult } from '../engine.js';
import { findExecutable, startTools, toolsNow, type StartedTools, type ToolJob, type ToolLimits } from './run-tool.js';
import { toolCause } from './tool-message.js';
import { deepestExisting, describePath, elementAt, follow, pathOf, pointerOf, sameValue, valueOf, type PathStep, type YElement } from './yaml-path.js';
import { counts, lineSpan, moveValueFix, placeFinding, proveMovedFixes, renderedDigest, settleFixes, type ProveFixes, type EditToProve, type Placement, type SourceCache } from './place.js';
import { kustomizationFile, readKustomization, scopeOf, type KustomizeTarget } from './targets.js';

const ORIGIN = 'config.kubernetes.io/origin';
const TRANSFORMATIONS = 'alpha.config.kubernetes.io/transformations';
/** A copy of the overlay tree for verifying fixes is made only up to this size. */
const MAX_COPY_BYTES = 64 * 1024 * 1024;

export interface KustomizeCommand {
  exe: string;
  args: (dir: string) => string[];
  label: string;
}

/** `kustomize build`, else `kubectl kustomize`, or the configured binary (either kind, by its name). */
export function kustomizeCommand(configured: string | null): KustomizeCommand | null {
  const as = (exe: string): KustomizeCommand =>
    /kubectl[^/]*$/.test(exe) ? { exe, args: (d) => ['kustomize', d], label: 'kubectl kustomize' } : { exe, args: (d) => ['build', d], label: 'kustomize build' };
  if (configured) {
    const exe = findExecutable(configured);
    return exe ? as(exe) : null;
  }
  const k = findExecutable('kustomize');
  if (k) return as(k);
  const kubectl = findExecutable('kubectl');
  return kubectl ? as(kubectl) : null;
}

export interface ObjectOrigin {
  /** The file the object was read from (absolute), or null for generated objects. */
  file: string | null;
  /** Kustomization files whose transformers changed it, in the order they ran. */
  transformedIn: string[];
}

export type KustomizeRender = { ok: true; text: string; origins: ObjectOrigin[] } | { ok: false; reason: string };

/**
 * What to build: a kustomization, or a Component no kustomization uses, which is built as one
 * (under `components:`; kustomize refuses it under `resources:`), over the kustomization `over`
 * when there is one (targets.ts: nearestBase), since most Components patch what they do not hold.
 */
export interface KustomizeBuild {
  dir: string;
  component: boolean;
  over: string | null;
}

export function buildOf(t: Pick<KustomizeTarget, 'dir' | 'component' | 'over'>): KustomizeBuild {
  return { dir: t.dir, component: Boolean(t.component), over: t.over ?? null };
}

/** A directory whose role is not known (a copy riskgate fix renders): read from its kustomization. */
export function buildAt(dir: string): KustomizeBuild {
  const file = kustomizationFile(dir);
  return { dir, component: file !== null && readKustomization(dir, file).component, over: null };
}

export function renderKustomization(cmd: KustomizeCommand, build: KustomizeBuild, enableHelm: boolean, limits: ToolLimits): KustomizeRender {
  return renderKustomizations(cmd, [build], enableHelm, limits)[0];
}

/** Renders several roots at once (runTools), each as renderKustomization would. */
export function renderKustomizations(cmd: KustomizeCommand, builds: KustomizeBuild[], enableHelm: boolean, limits: ToolLimits): KustomizeRender[] {
  return startKustomizations(cmd, builds, enableHelm, limits, toolsNow(limits)).wait();
}

/**
 * renderKustomizations started now (run-tool.ts startTools) and collected with `wait()`: the
 * scan's first renders run while its files are read and checked.
 */
export function startKustomizations(cmd: KustomizeCommand, builds: KustomizeBuild[], enableHelm: boolean, limits: ToolLimits, run: (jobs: ToolJob[]) => StartedTools = (jobs) => startTools(jobs, limits)): { wait(): KustomizeRender[] } {
  const wrappers = builds.map(() => mkdtempSync(join(tmpdir(), 'riskgate-kustomize-')));
  const cleanup = () => {
    for (const w of wrappers) rmSync(w, { recursive: true, force: true });
  };
  let started: StartedTools;
  try {
    const jobs = builds.map((b, i) => {
      const wrapper = wrappers[i];
      // kustomize refuses absolute paths in resources: the wrapper names the root relatively.
      const ref = (abs: string) => JSON.stringify(relative(wrapper, abs).split(sep).join('/'));
      const over = b.over ? `resources:\n  - ${ref(b.over)}\n` : '';
      writeFileSync(join(wrapper, 'kustomization.yaml'), `${over}${b.component ? 'components' : 'resources'}:\n  - ${ref(b.dir)}\nbuildMetadata: [originAnnotations, transformerAnnotations]\n`);
      const args = cmd.args(wrapper);
      if (enableHelm) args.push('--enable-helm');
      return { exe: cmd.exe, args, cwd: wrapper };
    });
    started = run(jobs);
  } catch (e) {
    cleanup();
    throw e;
  }
  let renders: KustomizeRender[] | null = null;
  return {
    wait: () => {
      if (renders) return renders;
      try {
        return (renders = started.wait().map((r, i) => (r.ok ? stripOrigins(r.stdout, wrappers[i]) : { ok: false, reason: `${cmd.label} failed: ${toolCause(r.reason, [wrappers[i]])}` })));
      } finally {
        cleanup();
      }
    },
  };
}

/** Reads the origin annotations riskgate asked for, and removes them so that checks see the objects as the cluster will. */
export function stripOrigins(text: string, wrapper: string): KustomizeRender {
  const lines = new LineIndex(text);
  const parsed = parseYaml(text, lines);
  if (parsed.errors.length) return { ok: false, reason: `the rendered output is not valid YAML (${parsed.errors[0].message})` };
  const drop: [number, number][] = [];
  const origins: ObjectOrigin[] = [];
  for (const doc of parsed.documents) {
    const root = doc.root;
    const ann = root instanceof YMap ? root.map('metadata')?.pairOf('annotations') : undefined;
    const origin: ObjectOrigin = { file: null, transformedIn: [] };
    if (ann && ann.value instanceof YMap) {
      const ours = ann.value.pairs.filter((p) => p.keyText === ORIGIN || p.keyText === TRANSFORMATIONS);
      for (const p of ours) {
        const meta = p.value instanceof YScalar && typeof p.value.value === 'string' ? parseYaml(p.value.value).documents[0]?.root : null;
        if (p.keyText === ORIGIN && meta instanceof YMap && meta.str('path') && !meta.str('repo')) origin.file = resolve(wrapper, meta.str('path')!);
        if (p.keyText === TRANSFORMATIONS && meta instanceof YSeq)
          for (const m of meta.items) if (m instanceof YMap && m.str('configuredIn')) origin.transformedIn.push(resolve(wrapper, m.str('configuredIn')!));
      }
      const whole = ours.length === ann.value.pairs.length;
      for (const p of whole ? [ann] : ours) drop.push([lines.position(p.start).line, lines.position(Math.max(p.start, p.end - 1)).line]);
    }
    origins.push(origin);
  }
  const kept = text.split('\n').filter((_, i) => !drop.some(([a, b]) => i + 1 >= a && i + 1 <= b));
  return { ok: true, text: kept.join('\n'), origins };
}

export interface KustomizeMapContext {
  /** Which fixes to prove by rendering again (place.ts ProveFixes); unproved ones are kept as candidates. Default: all. */
  proveFixes?: ProveFixes;
  target: KustomizeTarget;
  rendered: SourceFile;
  origins: ObjectOrigin[];
  findings: Finding[];
  objects: KubeObject[];
  resources: ResourceReport[];
  cache: SourceCache;
  display: (abs: string) => string;
  scanText: (path: string, text: string) => ScanResult;
  /** Renders roots the way this one was rendered, at once (for fix verification on copies). */
  /** Renders copies of the target's directory (proofs), as the target itself is built. */
  renderAll: (dirs: string[]) => KustomizeRender[];
}

interface PatchSource {
  /** The file holding the patch: a patch file, or the kustomization for an inline patch. */
  file: string;
  root: YNode;
  /** For inline patches: turns an offset in the patch text into one in the kustomization. */
  toFile: (offset: number) => number;
  targetKind: string | null;
}

export function mapKustomizeFindings(ctx: KustomizeMapContext): { findings: Finding[]; resources: ResourceReport[] } {
  const rl = ctx.rendered.lines;
  const offset = (line: number, column: number) => rl.lineStart(line) + column - 1;
  const patchesOf = new Map<string, PatchSource[]>();
  const verifier = new KustomizeFixVerifier(ctx);
  const placeOne = (f: Finding): { placement: Placement; resourcePath: string } => {
    const start = offset(f.line, f.column);
    const object = ctx.objects.find((o) => o.node.start <= start && start < o.node.end) ?? null;
    const origin = object ? ctx.origins[object.documentIndex] : null;
    const fallbackFile = origin?.file ?? ctx.target.file;
    const resourcePath = ctx.display(fallbackFile);
    const element = object ? elementAt(object.node, start, offset(f.endLine, f.endColumn)) : null;
    if (!object || !element) return { placement: firstLine(ctx, fallbackFile, 'riskgate could not find this field in the rendered object; shown at the first line of its file'), resourcePath };
    const steps = pathOf(element);
    const base = origin?.file ? ctx.cache.get(origin.file) : null;
    const baseObject = base ? matchObject(base, object) : null;
    const at = baseObject ? follow(baseObject, steps) : null;
    // A value is decided by the last patch that sets it (the root's patches first, then its
    // bases'); a container or a map is where it is defined, in the base, unless a patch added it.
    // A list item's `name` stands for the item (a container is reported at its name).
    const identity = element instanceof YPair && element.keyText === 'name' && element.map.inSeq !== null;
    const scalar = valueOf(element) instanceof YScalar && !identity;
    if (scalar || !at) {
      for (const k of ctx.target.chain) {
        for (const patch of patches(k, patchesOf, ctx.cache)) {
          const p = patchElement(patch, object, steps, element);
          if (!p) continue;
          const placement = place(ctx, patch.file, patch.toFile(p.start), patch.toFile(p.end), 'exact', null);
          const value = valueOf(p);
          // Only a patch file is edited as a whole file; an inline patch's value is moved in place.
          placement.fix = moveValueFix(f.fix, valueOf(element), { start: patch.toFile(value.start), end: patch.toFile(value.end) });
          return { placement, resourcePath };
        }
      }
    }
    if (!origin?.file) return { placement: firstLine(ctx, ctx.target.file, 'this object is generated by the kustomization (a generator), not read from a file'), resourcePath };
    if (!base || !baseObject) return { placement: firstLine(ctx, origin.file, `riskgate could not find ${object.kind} ${object.name} in this file; shown at its first line`), resourcePath };
    if (at && sameValue(at, element)) {
      const p = place(ctx, origin.file, at.start, at.end, 'exact', null);
      p.fix = baseFix(ctx, base, f, p) ?? moveValueFix(f.fix, valueOf(element), valueOf(at));
      return { placement: p, resourcePath };
    }
    const image = at && steps.length && 'key' in steps[steps.length - 1] && (steps[steps.length - 1] as { key: string }).key === 'image' ? imageEntry(ctx, valueOf(at)) : null;
    if (image) return { placement: image, resourcePath };
    const near = at ? { at, depth: steps.length } : deepestExisting(baseObject, steps);
    const what = describePath(steps) || 'the object';
    const note = at
      ? `the value of ${what} in the output differs from this file: a Kustomize transformer in ${ctx.target.path} changed it`
      : `${what} is not in this file (a patch or transformer riskgate could not trace added it); shown at the nearest field that is`;
    return { placement: place(ctx, origin.file, near.at.start, near.at.end, 'fallback', note), resourcePath };
  };

  const placed = ctx.findings.map((f) => ({ finding: f, ...placeOne(f) }));
  settleFixes(placed, ctx.proveFixes, ctx.display, (items) => verifier.keepAll(items));
  const findings = placed.map(({ finding, placement, resourcePath }) => {
    return placeFinding(finding, placement, { by: 'kustomize', root: ctx.target.path, resourcePath }, ctx.display);
  });
  const resources = ctx.resources.map((r) => {
    const o = ctx.objects.find((x) => rl.position(x.node.start).line === r.line && x.kind === r.kind && x.name === r.name);
    const file = (o && ctx.origins[o.documentIndex]?.file) || ctx.target.file;
    const src = ctx.cache.get(file);
    const bo = src && o ? matchObject(src, o) : null;
    return { ...r, path: ctx.display(file), line: bo && src ? src.lines.position(bo.start).line : 1, rendered: { by: 'kustomize' as const, root: ctx.target.path }, ...(o ? { renderedDigest: renderedDigest(ctx.rendered, o) } : {}) };
  });
  verifier.dispose();
  return { findings, resources };
}

function place(ctx: KustomizeMapContext, file: string, start: number, end: number, precision: Placement['precision'], note: string | null): Placement {
  const src = ctx.cache.get(file)!;
  return { file, span: src.lines.span(start, end), precision, note, fix: null };
}

function firstLine(ctx: KustomizeMapContext, file: string, note: string): Placement {
  const src = ctx.cache.get(file);
  const span = src ? lineSpan(src, 1) : { line: 1, column: 1, endLine: 1, endColumn: 1 };
  return { file, span, precision: 'fallback', note, fix: null };
}

/** The object in a base file that became `rendered`: same kind, and the name the rendered name was built from. */
function matchObject(file: SourceFile, rendered: KubeObject): YMap | null {
  const objects: KubeObject[] = [];
  for (const doc of parseYaml(file.text, file.lines).documents) if (doc.root instanceof YMap && doc.root.str('kind')) objects.push(...objectsOf(file.path, doc.index, doc.root));
  const sameKind = objects.filter((o) => o.kind === rendered.kind);
  const named = sameKind.filter((o) => o.name && rendered.name.includes(o.name)).sort((a, b) => b.name.length - a.name.length);
  return (named[0] ?? (sameKind.length === 1 ? sameKind[0] : null))?.node ?? null;
}

function patches(dir: string, cache: Map<string, PatchSource[]>, files: SourceCache): PatchSource[] {
  const known = cache.get(dir);
  if (known) return known;
  const out: PatchSource[] = [];
  cache.set(dir, out);
  const kfile = kustomizationFile(dir);
  const k = kfile ? files.get(kfile) : null;
  const root = k ? parseYaml(k.text, k.lines).documents[0]?.root : null;
  if (!k || !kfile || !(root instanceof YMap)) return out;
  const fromFile = (rel: string, targetKind: string | null) => {
    const abs = resolve(dir, rel);
    const src = files.get(abs);
    if (!src) return;
    for (const d of parseYaml(src.text, src.lines).documents) if (d.root) out.push({ file: abs, root: d.root, toFile: (o) => o, targetKind });
  };
  const inline = (node: YNode, targetKind: string | null) => {
    // A block scalar's text sits on the lines after its indicator, each indented by the same amount.
    if (!(node instanceof YScalar) || !node.block || typeof node.value !== 'string') return;
    const at = k.lines.position(node.start).line;
    const firstLine = /^[|>]/.test(k.text.slice(node.start)) ? at + 1 : at;
    const indent = /^[ \t]*/.exec(k.lines.lineText(firstLine))![0].length;
    const patchLines = new LineIndex(node.value);
    for (const d of parseYaml(node.value, patchLines).documents) {
      if (!d.root) continue;
      out.push({ file: kfile, root: d.root, targetKind, toFile: (o) => {
        const p = patchLines.position(o);
        return k.lines.lineStart(firstLine + p.line - 1) + indent + p.column - 1;
      } });
    }
  };
  for (const p of root.maps('patches')) {
    const kind = p.map('target')?.str('kind') ?? null;
    if (p.str('path')) fromFile(p.str('path')!, kind);
    else if (p.get('patch')) inline(p.get('patch')!, kind);
  }
  const smp = root.seq('patchesStrategicMerge');
  for (const item of smp?.items ?? []) {
    if (item instanceof YScalar && typeof item.value === 'string' && !item.value.includes('\n')) fromFile(item.value, null);
    else inline(item, null);
  }
  for (const p of root.maps('patchesJson6902')) if (p.str('path')) fromFile(p.str('path')!, p.map('target')?.str('kind') ?? null);
  return out;
}

/** Where a patch sets the finding's field: a strategic-merge patch of the object, or a JSON 6902 operation on its path. */
function patchElement(patch: PatchSource, object: KubeObject, steps: PathStep[], element: YElement): YElement | null {
  if (patch.targetKind && patch.targetKind !== object.kind) return null;
  if (patch.root instanceof YSeq) {
    const pointer = pointerOf(steps);
    for (const op of patch.root.items) {
      if (!(op instanceof YMap) || !['add', 'replace'].includes(op.str('op') ?? '')) continue;
      const path = op.str('path');
      const value = op.pairOf('value');
      if (!path || !value) continue;
      // `-` appends: the new item is the last one, which the rendered path names by position.
      if (path === pointer) return value;
      if (pointer.startsWith(`${path}/`)) {
        const rest = pointer.slice(path.length + 1).split('/').map((s) => (/^\d+$/.test(s) ? { index: Number(s), name: null } : { key: s.replace(/~1/g, '/').replace(/~0/g, '~') }));
        const inside = follow(value.value, rest);
        if (inside && sameValue(inside, element)) return inside;
      }
    }
    return null;
  }
  if (!(patch.root instanceof YMap)) return null;
  const kind = patch.root.str('kind');
  const name = patch.root.map('metadata')?.str('name');
  if ((kind && kind !== object.kind) || (name && !object.name.includes(name))) return null;
  const at = follow(patch.root, steps);
  // A map or list in a patch holds the field only when it is the field itself (a scalar, or the exact element).
  return at && sameValue(at, element) && (valueOf(at) instanceof YScalar || steps.length > 0) ? at : null;
}

/** `images:` in a kustomization sets an image's name, tag or digest: the entry for this image. */
function imageEntry(ctx: KustomizeMapContext, baseValue: YNode): Placement | null {
  if (!(baseValue instanceof YScalar) || typeof baseValue.value !== 'string') return null;
  const name = baseValue.value.replace(/@.*$/, '').replace(/:[^:/]+$/, '');
  for (const dir of ctx.target.chain) {
    const kfile = kustomizationFile(dir);
    const k = kfile ? ctx.cache.get(kfile) : null;
    const root = k ? parseYaml(k.text, k.lines).documents[0]?.root : null;
    if (!(root instanceof YMap) || !kfile) continue;
    for (const entry of root.maps('images')) {
      if (entry.str('name') !== name) continue;
      const field = entry.pairOf('digest') ?? entry.pairOf('newTag') ?? entry.pairOf('newName') ?? entry.pairOf('name')!;
      return place(ctx, kfile, field.start, field.end, 'exact', null);
    }
  }
  return null;
}

/** A base file is a plain manifest: the same rule's fix, found by scanning it alone, at the same place. */
function baseFix(ctx: KustomizeMapContext, base: SourceFile, f: Finding, p: Placement): Fix | null {
  if (!f.fix) return null;
  const alone = ctx.scanText(base.path, base.text);
  const same = alone.findings.find((x) => x.ruleId === f.ruleId && x.container === f.container && x.line === p.span.line && x.column === p.span.column && x.fix);
  return same?.fix ?? null;
}

/**
 * Proves moved fixes: the directory holding the root and everything it includes is copied once
 * per render that runs at the same time, each fix's edit applied in a copy, the root rendered and
 * scanned again; a fix stays when its finding is gone and nothing new appeared. Equal edits are
 * rendered once; the renders of a round run together (runTools).
 */
class KustomizeFixVerifier {
  private copies: string[] = [];
  private from = '';
  private tooLarge = false;
  private readonly before: Map<string, number>;

  constructor(private readonly ctx: KustomizeMapContext) {
    this.before = counts(ctx.findings);
  }

  keepAll(items: { finding: Finding; placement: Placement }[]): boolean[] {
    return proveMovedFixes(items, this.ctx.cache, this.before, (batch) => this.round(batch));
  }

  /** Renders one set of edits per copy, at once, and records what each rendering's scan found. A set with an edit outside the copied tree is not proved. */
  private round(edits: EditToProve[]): void {
    if (!this.ensureCopies(edits.length)) return;
    const batch = edits.filter((e) => e.files.every((f) => !relative(this.from, f.file).startsWith('..')));
    const restore: { target: string; text: string }[] = [];
    try {
      batch.forEach((e, slot) => {
        for (const f of e.files) {
          const target = join(this.copies[slot], relative(this.from, f.file));
          restore.push({ target, text: this.ctx.cache.get(f.file)!.text });
          writeFileSync(target, f.text);
        }
      });
      const renders = this.ctx.renderAll(batch.map((_, slot) => join(this.copies[slot], relative(this.from, this.ctx.target.dir))));
      renders.forEach((r, slot) => {
        if (r.ok) batch[slot].after = counts(this.ctx.scanText(this.ctx.rendered.path, r.text).findings);
      });
    } finally {
      for (const r of restore) writeFileSync(r.target, r.text);
    }
  }

  /** Copies of the tree, at least `n`; false when it is too large to copy (measured once). */
  private ensureCopies(n: number): boolean {
    if (this.copies.length >= n) return true;
    if (this.tooLarge) return false;
    this.from = scopeOf(this.ctx.target);
    if (sizeOf(this.from, MAX_COPY_BYTES) > MAX_COPY_BYTES) {
      this.tooLarge = true;
      return false;
    }
    while (this.copies.length < n) {
      const dir = mkdtempSync(join(tmpdir(), 'riskgate-overlay-'));
      cpSync(this.from, join(dir, 'tree'), { recursive: true, verbatimSymlinks: true, filter: (src) => !/(^|[/\\])(\.git|node_modules)$/.test(src) });
      this.copies.push(join(dir, 'tree'));
    }
    return true;
  }

  dispose(): void {
    for (const c of this.copies) rmSync(dirname(c), { recursive: true, force: true });
  }
}

function sizeOf(dir: string, cap: number): number {
  let total = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (total > cap || name === '.git' || name === 'node_modules') continue;
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else total += st.size;
    }
  };
  try {
    walk(dir);
  } catch {
    return Infinity;
  }
  return total;
}
