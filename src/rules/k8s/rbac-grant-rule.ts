// Factory for RBAC checks of the form "a Role/ClusterRole grants <verbs> on <resources>".

import { defineKubeRule, type KubeRule } from '../../core/k8s/kube-rule.js';
import type { RuleMeta } from '../../core/rule.js';
import { grant, isFullWildcard, policyRules, type PolicyRule } from './rbac.js';
import type { KubeObject } from '../../core/k8s/objects.js';

export interface Grant {
  verbs: string[];
  resources: string[];
  /** API groups the resources live in ('' is the core group); each resource's own group when unset. */
  groups?: string[] | null;
  /** Only when the rule is limited to these resourceNames (e.g. aws-auth), or any name when unset. */
  resourceNames?: string[];
  what: string;
  /** The rule's condition(s) this grant meets, for a rule with `conditions`. */
  condition?: string | string[];
  /** Where the finding points: the granting verb (default) or the resource, as KICS points for the check. */
  pointAt?: 'verb' | 'resource';
}

/** Conditions judged on the policy rule as written (peers such as Trivy match RBAC text literally). */
export type LiteralConditions = (o: KubeObject, rule: PolicyRule) => string[];

export function rbacGrantRule(meta: Omit<RuleMeta, 'target'>, grants: Grant[], literal?: LiteralConditions): KubeRule {
  return defineKubeRule({
    meta: { ...meta, target: 'kubernetes' },
    check(ctx) {
      const o = ctx.object;
      for (const rule of policyRules(o)) {
        // `*` verbs on `*` resources is reported once, as cluster-admin, by k8s/rbac-wildcard.
        if (isFullWildcard(rule)) continue;
        // One finding per policy rule, at the first grant it gives, carrying the conditions of every
        // grant it gives (`*` verbs on roles is both escalate and bind).
        let first: ReturnType<typeof grant>;
        const whats: string[] = [];
        const conditions: string[] = [];
        for (const g of grants) {
          const at = grant(rule, g.verbs, g.resources, g.groups ?? null, g.resourceNames, g.pointAt);
          if (!at) continue;
          first ??= at;
          whats.push(g.what);
          if (g.condition !== undefined) conditions.push(...(Array.isArray(g.condition) ? g.condition : [g.condition]));
        }
        if (!first) continue;
        if (literal) conditions.push(...literal(o, rule));
        const unique = [...new Set(conditions)];
        ctx.report({ at: first, ...(unique.length ? { condition: unique } : {}), message: `${o.kind} ${o.name} grants ${[...new Set(whats)].join(' and ')}${o.kind === 'ClusterRole' ? ' cluster-wide' : ''}` });
      }
    },
  });
}
