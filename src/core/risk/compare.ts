// Compares a scan with the same files as they were (a directory or a git ref): resources matched
// by kind/namespace/name (Dockerfiles by path), with their risk delta; findings matched by fingerprint.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { scan, scanFiles, type ScanResult } from '../engine.js';
import type { Config } from '../config.js';
import type { ResourceReport } from '../types.js';
import { notCheckedTargets } from '../not-checked.js';

/** `not-checked`: in the baseline, from a chart or root the head scan could not render (so not known to be removed). */
export type ChangeStatus = 'new' | 'worsened' | 'improved' | 'unchanged' | 'removed' | 'not-checked';

export interface ResourceChange {
  kind: string;
  name: string;
  namespace: string | null;
  path: string;
  /** For a resource of a rendered chart or Kustomize root: that chart or root (part of its identity). */
  root?: string;
  baseRisk: number | null;
  headRisk: number | null;
  delta: number | null;
  status: ChangeStatus;
}

export interface Comparison {
  baseline: string;
  resources: ResourceChange[];
  /** Fingerprints of findings present in the baseline. */
  baselineFingerprints: Set<string>;
  /** Keys (resourceKey) of the head's rendered resources whose rendering differs from the
   * baseline's, or that the baseline did not render: what a change to a values file, template,
   * patch or base altered. Not in the reports. */
  changedRenderings: Set<string>;
}

import { resourceKey } from './change-key.js';

export { changeKey, resourceKey, changeKeyOf } from './change-key.js';

/** Scans the baseline: a directory laid out like the working directory, or a git ref of the repository. */
export function scanBaseline(baseline: string, paths: string[], cwd: string, config: Config, root = cwd): ScanResult {
  const dir = resolve(cwd, baseline);
  if (existsSync(dir) && statSync(dir).isDirectory()) {
    const inBase = paths.map((p) => relative(cwd, resolve(cwd, p))).map((p) => join(dir, p)).filter((p) => existsSync(p));
    const r = scan({ paths: inBase.length ? inBase : [dir], cwd: dir, config, root: join(dir, relative(cwd, root)), proveFixes: false });
    return r;
  }
  return scanGitRef(baseline, paths, cwd, config, root);
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

function scanGitRef(ref: string, paths: string[], cwd: string, config: Config, root = cwd): ScanResult {
  try {
    git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new Error(`--baseline ${ref}: not a directory, and not a commit of the git repository in ${cwd}`);
  }
  // The files as they were, laid out in a temporary directory: the same scan runs there, so charts
  // and Kustomize roots are rendered as they were too.
  const dir = mkdtempSync(join(tmpdir(), 'riskgate-baseline-'));
  try {
    const rel = paths.map((p) => relative(cwd, resolve(cwd, p)) || '.');
    materializeAt(ref, rel, cwd, dir, config.maxFileSize);
    const inBase = rel.filter((p) => existsSync(join(dir, p)));
    if (!inBase.length) return scanFiles([], config);
    return scan({ paths: inBase, cwd: dir, config, root: join(dir, relative(cwd, root)), proveFixes: false });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Writes the files under `paths` (relative to `cwd`) as they are at `ref` into `dest`, with one
 * `git cat-file --batch` for all of them. Files over `maxBytes`, and .git/node_modules, are left out.
 */
export function materializeAt(ref: string, paths: string[], cwd: string, dest: string, maxBytes: number): number {
  const listed = git(cwd, ['ls-tree', '-r', '-z', '--long', ref, '--', ...paths])
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const m = /^(\d+) (\w+) ([0-9a-f]+)\s+(-|\d+)\t(.*)$/s.exec(line);
      return m ? { mode: m[1], type: m[2], size: m[4] === '-' ? 0 : Number(m[4]), path: m[5] } : null;
    })
    .filter((e): e is { mode: string; type: string; size: number; path: string } => e !== null && e.type === 'blob' && e.mode !== '120000' && e.size <= maxBytes)
    .filter((e) => !e.path.split('/').some((part) => part === 'node_modules' || part === '.git' || part === '..'));
  if (!listed.length) return 0;
  const out = execFileSync('git', ['cat-file', '--batch'], { cwd, input: listed.map((e) => `${ref}:./${e.path}`).join('\n') + '\n', maxBuffer: 1024 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] });
  let at = 0;
  for (const e of listed) {
    const nl = out.indexOf(10, at);
    const header = out.toString('utf8', at, nl);
    at = nl + 1;
    const size = Number(/ blob (\d+)$/.exec(header)?.[1] ?? -1);
    if (size < 0) continue;
    const target = join(dest, e.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, out.subarray(at, at + size));
    at += size + 1;
  }
  return listed.length;
}

/** The charts and Kustomize roots a head scan rendered, scanned as they are at `ref`. */
export function scanRenderedAt(ref: string, scopes: { path: string; scope: string }[], cwd: string, config: Config, root = cwd): ScanResult | null {
  if (!scopes.length) return null;
  const dir = mkdtempSync(join(tmpdir(), 'riskgate-base-render-'));
  try {
    materializeAt(ref, [...new Set(scopes.map((s) => s.scope))], cwd, dir, config.maxFileSize);
    const targets = scopes.map((s) => s.path).filter((p) => existsSync(join(dir, p)));
    return targets.length ? scan({ paths: targets, cwd: dir, config, root: join(dir, relative(cwd, root)), proveFixes: false }) : null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function compare(baselineName: string, base: ScanResult, head: ScanResult): Comparison {
  const baseBy = new Map(base.resources.filter((r) => r.checked).map((r) => [resourceKey(r), r]));
  const baseByAll = new Map(base.resources.map((r) => [resourceKey(r), r]));
  const headBy = new Map(head.resources.filter((r) => r.checked).map((r) => [resourceKey(r), r]));
  const out: ResourceChange[] = [];
  const changedRenderings = new Set<string>();
  for (const r of head.resources) {
    if (!r.rendered) continue;
    const k = resourceKey(r);
    const b = baseByAll.get(k);
    // No digest on either side (an old report): counted as changed, the safe side for a gate.
    if (!b || !b.renderedDigest || b.renderedDigest !== r.renderedDigest) changedRenderings.add(k);
  }
  for (const [k, h] of headBy) {
    const b = baseBy.get(k);
    const delta = b && b.risk !== null && h.risk !== null ? Math.round((h.risk - b.risk) * 10) / 10 : null;
    const status: ChangeStatus = !b ? 'new' : delta === null || Math.abs(delta) < 0.05 ? 'unchanged' : delta > 0 ? 'worsened' : 'improved';
    out.push({ kind: h.kind, name: h.name, namespace: h.namespace, path: h.path, ...(h.rendered ? { root: h.rendered.root } : {}), baseRisk: b?.risk ?? null, headRisk: h.risk, delta: b ? delta : h.risk, status });
  }
  // A resource of a chart or root the head could not render is not gone: nobody knows what it is now.
  const unrendered = new Set(notCheckedTargets(head.files).map((t) => t.path));
  for (const [k, b] of baseBy) {
    if (headBy.has(k)) continue;
    const unknown = b.rendered !== undefined && unrendered.has(b.rendered.root);
    out.push({ kind: b.kind, name: b.name, namespace: b.namespace, path: b.path, ...(b.rendered ? { root: b.rendered.root } : {}), baseRisk: b.risk, headRisk: null, delta: unknown || b.risk === null ? null : -b.risk, status: unknown ? 'not-checked' : 'removed' });
  }
  const order: ChangeStatus[] = ['worsened', 'new', 'not-checked', 'improved', 'removed', 'unchanged'];
  out.sort((x, y) => order.indexOf(x.status) - order.indexOf(y.status) || (y.delta ?? 0) - (x.delta ?? 0));
  return { baseline: baselineName, resources: out, baselineFingerprints: new Set(base.findings.map((f) => f.fingerprint)), changedRenderings };
}
