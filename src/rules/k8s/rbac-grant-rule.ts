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
        for (const g of grants) {
          const at = grant(rule, g.verbs, g.resources, g.groups ?? null, g.resourceNames, g.pointAt);
          if (at) {
            const base = g.condition === undefined ? [] : Array.isArray(g.condition) ? g.condition : [g.condition];
            const conditions = [...base, ...(literal ? literal(o, rule) : [])];
            ctx.report({ at, ...(conditions.length ? { condition: conditions } : {}), message: `${o.kind} ${o.name} grants ${g.what}${o.kind === 'ClusterRole' ? ' cluster-wide' : ''}` });
            break;
          }
        }
      }
    },
  });
}
