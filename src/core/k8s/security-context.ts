// Effective security context: a container's field overrides the pod's, and a pod-level value
// applies to every container that does not set its own. Peers that ignore either direction
// produce most of the false positives users report (checkov#3300, kubescape#2296), so every
// rule asks this module instead of reading one level.

import { YMap, YScalar, type YNode } from '../yaml/ast.js';
import type { Container, PodSpec } from './objects.js';

/** Fields the pod-level securityContext can set for all containers. */
export type InheritedField = 'runAsNonRoot' | 'runAsUser' | 'runAsGroup' | 'seccompProfile' | 'seLinuxOptions' | 'appArmorProfile' | 'windowsOptions';

export interface Effective<T extends YNode = YNode> {
  node: T;
  /** Where the effective value is set. */
  from: 'container' | 'pod';
}

export function containerContext(c: Container): YMap | undefined {
  return c.node.map('securityContext');
}

export function podContext(pod: PodSpec): YMap | undefined {
  return pod.spec.map('securityContext');
}

export function effective(pod: PodSpec, c: Container, field: InheritedField): Effective | undefined {
  const own = containerContext(c)?.get(field);
  if (own !== undefined && !(own instanceof YScalar && own.value === null)) return { node: own, from: 'container' };
  const inherited = podContext(pod)?.get(field);
  if (inherited !== undefined && !(inherited instanceof YScalar && inherited.value === null)) return { node: inherited, from: 'pod' };
  return undefined;
}

export function effectiveScalar(pod: PodSpec, c: Container, field: InheritedField): Effective<YScalar> | undefined {
  const e = effective(pod, c, field);
  return e && e.node instanceof YScalar ? (e as Effective<YScalar>) : undefined;
}

export function effectiveNumber(pod: PodSpec, c: Container, field: 'runAsUser' | 'runAsGroup'): { value: number; node: YScalar } | undefined {
  const e = effectiveScalar(pod, c, field);
  if (!e) return undefined;
  const v = e.node.value;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) ? { value: n, node: e.node } : undefined;
}

/** The seccomp profile type in force: field (container, then pod), then the deprecated annotations. */
export function seccompType(pod: PodSpec, c: Container): { type: string; node: YNode } | undefined {
  const e = effective(pod, c, 'seccompProfile');
  if (e && e.node instanceof YMap) {
    const t = e.node.scalar('type');
    if (t && typeof t.value === 'string') return { type: t.value, node: t };
  }
  const ann = pod.metadata?.map('annotations');
  const specific = ann?.scalar(`container.seccomp.security.alpha.kubernetes.io/${c.name}`);
  const podWide = ann?.scalar('seccomp.security.alpha.kubernetes.io/pod');
  const a = specific ?? podWide;
  if (a && typeof a.value === 'string') {
    const v = a.value;
    const type = v === 'runtime/default' || v === 'docker/default' ? 'RuntimeDefault' : v === 'unconfined' ? 'Unconfined' : v.startsWith('localhost/') ? 'Localhost' : v;
    return { type, node: a };
  }
  return undefined;
}

/** The AppArmor profile type in force: `appArmorProfile` (1.30+), then the beta annotation. */
export function appArmorType(pod: PodSpec, c: Container): { type: string; node: YNode } | undefined {
  const e = effective(pod, c, 'appArmorProfile');
  if (e && e.node instanceof YMap) {
    const t = e.node.scalar('type');
    if (t && typeof t.value === 'string') return { type: t.value, node: t };
  }
  const a = pod.metadata?.map('annotations')?.scalar(`container.apparmor.security.beta.kubernetes.io/${c.name}`);
  if (a && typeof a.value === 'string') {
    const v = a.value;
    const type = v === 'runtime/default' ? 'RuntimeDefault' : v === 'unconfined' ? 'Unconfined' : v.startsWith('localhost/') ? 'Localhost' : v;
    return { type, node: a };
  }
  return undefined;
}

export function capabilities(c: Container): { add: YScalar[]; drop: YScalar[]; node: YMap | undefined } {
  const caps = containerContext(c)?.map('capabilities');
  const list = (k: string) => (caps?.seq(k)?.items.filter((i) => i instanceof YScalar && i.value !== null) ?? []) as YScalar[];
  return { add: list('add'), drop: list('drop'), node: caps };
}

/** Capability names are matched without the `CAP_` prefix and case-insensitively, as the runtime does. */
export function capName(s: YScalar): string {
  return String(s.value).toUpperCase().replace(/^CAP_/, '');
}
