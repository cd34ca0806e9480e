// Factory for RBAC checks of the form "a Role/ClusterRole grants <verbs> on <resources>".

import { defineKubeRule, type KubeRule } from '../../core/k8s/kube-rule.js';
import type { RuleMeta } from '../../core/rule.js';
import { grant, isFullWildcard, policyRules } from './rbac.js';

export interface Grant {
  verbs: string[];
  resources: string[];
  /** API groups the resources live in ('' is the core group); null for any. */
  groups?: string[] | null;
  /** Only when the rule is limited to these resourceNames (e.g. aws-auth), or any name when unset. */
  resourceNames?: string[];
  what: string;
}

export function rbacGrantRule(meta: Omit<RuleMeta, 'target'>, grants: Grant[]): KubeRule {
  return defineKubeRule({
    meta: { ...meta, target: 'kubernetes' },
    check(ctx) {
      const o = ctx.object;
      for (const rule of policyRules(o)) {
        // `*` verbs on `*` resources is reported once, as cluster-admin, by k8s/rbac-wildcard.
        if (isFullWildcard(rule)) continue;
        for (const g of grants) {
          if (g.resourceNames && rule.resourceNames.length && !rule.resourceNames.some((n) => g.resourceNames!.includes(n))) continue;
          const at = grant(rule, g.verbs, g.resources, g.groups ?? null);
          if (at) {
            ctx.report({ at, message: `${o.kind} ${o.name} grants ${g.what}${o.kind === 'ClusterRole' ? ' cluster-wide' : ''}` });
            break;
          }
        }
      }
    },
  });
}
