// Compares a scan with the same files as they were (a directory or a git ref): resources matched
// by kind/namespace/name (Dockerfiles by path), with their risk delta; findings matched by fingerprint.

import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { scan, scanFiles, type ScanResult } from '../engine.js';
import type { Config } from '../config.js';
import type { ResourceReport } from '../types.js';
import { isDockerfileName } from '../discovery.js';

export type ChangeStatus = 'new' | 'worsened' | 'improved' | 'unchanged' | 'removed';

export interface ResourceChange {
  kind: string;
  name: string;
  namespace: string | null;
  path: string;
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
}

export function resourceKey(r: ResourceReport): string {
  return r.kind === 'Dockerfile' ? `Dockerfile\0${r.path}` : `${r.kind}\0${r.namespace ?? ''}\0${r.name}`;
}

/** Scans the baseline: a directory laid out like the working directory, or a git ref of the repository. */
export function scanBaseline(baseline: string, paths: string[], cwd: string, config: Config): ScanResult {
  const dir = resolve(cwd, baseline);
  if (existsSync(dir) && statSync(dir).isDirectory()) {
    const inBase = paths.map((p) => relative(cwd, resolve(cwd, p))).map((p) => join(dir, p)).filter((p) => existsSync(p));
    const r = scan({ paths: inBase.length ? inBase : [dir], cwd: dir, config });
    return r;
  }
  return scanGitRef(baseline, paths, cwd, config);
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

function scanGitRef(ref: string, paths: string[], cwd: string, config: Config): ScanResult {
  try {
    git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new Error(`--baseline ${ref}: not a directory, and not a commit of the git repository in ${cwd}`);
  }
  const files: { path: string; text: string; kind: 'manifest' | 'dockerfile' }[] = [];
  const listed = git(cwd, ['ls-tree', '-r', '-z', '--name-only', ref, '--', ...paths.map((p) => relative(cwd, resolve(cwd, p)) || '.')]).split('\0').filter(Boolean);
  for (const path of listed) {
    const name = path.split('/').pop()!;
    const kind = isDockerfileName(name) ? 'dockerfile' : /\.(ya?ml|json)$/i.test(name) ? 'manifest' : null;
    if (!kind || path.split('/').some((part) => part === 'node_modules' || part === '.git')) continue;
    let text: string;
    try {
      text = git(cwd, ['show', `${ref}:./${path}`]);
    } catch {
      continue;
    }
    if (Buffer.byteLength(text) > config.maxFileSize || text.includes('\0')) continue;
    files.push({ path: path.split(sep).join('/'), text, kind });
  }
  return scanFiles(files, config);
}

export function compare(baselineName: string, base: ScanResult, head: ScanResult): Comparison {
  const baseBy = new Map(base.resources.filter((r) => r.checked).map((r) => [resourceKey(r), r]));
  const headBy = new Map(head.resources.filter((r) => r.checked).map((r) => [resourceKey(r), r]));
  const out: ResourceChange[] = [];
  for (const [k, h] of headBy) {
    const b = baseBy.get(k);
    const delta = b && b.risk !== null && h.risk !== null ? Math.round((h.risk - b.risk) * 10) / 10 : null;
    const status: ChangeStatus = !b ? 'new' : delta === null || Math.abs(delta) < 0.05 ? 'unchanged' : delta > 0 ? 'worsened' : 'improved';
    out.push({ kind: h.kind, name: h.name, namespace: h.namespace, path: h.path, baseRisk: b?.risk ?? null, headRisk: h.risk, delta: b ? delta : h.risk, status });
  }
  for (const [k, b] of baseBy) if (!headBy.has(k)) out.push({ kind: b.kind, name: b.name, namespace: b.namespace, path: b.path, baseRisk: b.risk, headRisk: null, delta: b.risk === null ? null : -b.risk, status: 'removed' });
  const order: ChangeStatus[] = ['worsened', 'new', 'improved', 'removed', 'unchanged'];
  out.sort((x, y) => order.indexOf(x.status) - order.indexOf(y.status) || (y.delta ?? 0) - (x.delta ?? 0));
  return { baseline: baselineName, resources: out, baselineFingerprints: new Set(base.findings.map((f) => f.fingerprint)) };
}
