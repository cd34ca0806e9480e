// RBAC rule reading shared by the RBAC checks: which verbs on which resources a role grants,
// with wildcards, and where in the YAML each grant is written.

import { YMap, YScalar } from '../../core/yaml/ast.js';
import type { KubeObject } from '../../core/k8s/objects.js';
import { seqScalars } from './helpers.js';

export interface PolicyRule {
  node: YMap;
  apiGroups: YScalar[];
  resources: YScalar[];
  verbs: YScalar[];
  resourceNames: string[];
  nonResourceURLs: YScalar[];
}

export function isRole(o: KubeObject): boolean {
  return o.kind === 'Role' || o.kind === 'ClusterRole';
}

export function policyRules(o: KubeObject): PolicyRule[] {
  if (!isRole(o)) return [];
  return o.node.maps('rules').map((r) => ({
    node: r,
    apiGroups: seqScalars(r.get('apiGroups')),
    resources: seqScalars(r.get('resources')),
    verbs: seqScalars(r.get('verbs')),
    resourceNames: seqScalars(r.get('resourceNames')).map((s) => String(s.value)),
    nonResourceURLs: seqScalars(r.get('nonResourceURLs')),
  }));
}

const text = (s: YScalar) => String(s.value).trim();

/** The verb scalar that grants one of `verbs` (or `*`), if any. */
export function verbGranting(rule: PolicyRule, verbs: string[]): YScalar | undefined {
  return rule.verbs.find((v) => text(v) === '*' || verbs.includes(text(v)));
}

/**
 * The resource scalar matching one of `resources` (`pods`, `pods/exec`; a bare `*`
 * matches everything, and a wildcard resource with a subresource matches that subresource),
 * within `groups` (the empty string is the core group).
 */
export function resourceMatching(rule: PolicyRule, resources: string[], groups: string[] | null = null): YScalar | undefined {
  if (groups && !rule.apiGroups.some((g) => text(g) === '*' || groups.includes(text(g)))) return undefined;
  return rule.resources.find((r) => {
    const t = text(r);
    if (t === '*') return true;
    return resources.some((want) => {
      if (t === want) return true;
      const [tr, ts] = t.split('/');
      const [wr, ws] = want.split('/');
      return ts !== undefined && ws !== undefined && ts === ws && tr === '*' && wr !== undefined;
    });
  });
}

/** A grant of `verbs` on `resources`: the node to point at (the resource, else the verb). */
export function grant(rule: PolicyRule, verbs: string[], resources: string[], groups: string[] | null = null): YScalar | undefined {
  const v = verbGranting(rule, verbs);
  if (!v) return undefined;
  const r = resourceMatching(rule, resources, groups);
  if (!r) return undefined;
  return text(r) === '*' && text(v) !== '*' ? v : r;
}

/** `*` verbs on `*` resources in `*` API groups: cluster-admin. */
export function isFullWildcard(rule: PolicyRule): boolean {
  return rule.verbs.some((v) => text(v) === '*') && rule.resources.some((r) => text(r) === '*') && rule.apiGroups.some((g) => text(g) === '*');
}
