// Small building blocks shared by the Kubernetes rules.

import { YMap, YScalar, YSeq, type YNode } from '../../core/yaml/ast.js';
import type { Container, PodSpec } from '../../core/k8s/objects.js';
import type { KubeContext } from '../../core/k8s/kube-rule.js';

export function eachContainer(ctx: KubeContext, fn: (c: Container, pod: PodSpec) => void): void {
  const pod = ctx.object.pod;
  if (!pod) return;
  for (const c of pod.containers) fn(c, pod);
}

export function describeContainer(c: Container): string {
  const label = c.kind === 'container' ? 'container' : c.kind === 'initContainer' ? 'init container' : 'ephemeral container';
  return `${label} "${c.name || '(unnamed)'}"`;
}

/** hostPath volumes of the pod, with the path they mount. */
export function hostPathVolumes(pod: PodSpec): { volume: YMap; name: string; path: YScalar | undefined; hostPath: YMap }[] {
  const out: { volume: YMap; name: string; path: YScalar | undefined; hostPath: YMap }[] = [];
  for (const v of pod.spec.maps('volumes')) {
    const hp = v.map('hostPath');
    if (hp) out.push({ volume: v, name: v.str('name') ?? '', path: hp.scalar('path'), hostPath: hp });
  }
  return out;
}

/** Normalizes a host path for comparison: no trailing slash, no `//`, no `/./`. */
export function normalizePath(p: string): string {
  let s = p.trim().replace(/\/+/g, '/').replace(/\/\.(?=\/|$)/g, '');
  if (s.length > 1) s = s.replace(/\/$/, '');
  return s || '/';
}

export function isUnder(path: string, dir: string): boolean {
  const p = normalizePath(path);
  const d = normalizePath(dir);
  return d === '/' ? p === '/' : p === d || p.startsWith(`${d}/`);
}

/** The image reference split into registry, repository, tag and digest, as the container runtime reads it. */
export function parseImage(image: string): { registry: string; repository: string; tag: string | null; digest: string | null } {
  let rest = image.trim();
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const first = rest.split('/')[0];
  const hasRegistry = rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return { registry: hasRegistry ? first : 'docker.io', repository: hasRegistry ? rest.slice(first.length + 1) : rest, tag, digest };
}

export function seqScalars(node: YNode | undefined): YScalar[] {
  return node instanceof YSeq ? (node.items.filter((i) => i instanceof YScalar && i.value !== null) as YScalar[]) : [];
}
