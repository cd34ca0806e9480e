// Factory for RBAC checks of the form "a Role/ClusterRole grants <verbs> on <resources>".

import { defineKubeRule, type KubeRule } from '../../core/k8s/kube-rule.js';
import type { RuleMeta } from '../../core/rule.js';
import { grant, isFullWildcard, policyRules, type PolicyRule } from './rbac.js';
import { sameObject, type KubeObject } from '../../core/k8s/objects.js';
import { LabelSelector, type ClusterIndex } from '../../core/k8s/cluster-index.js';
import type { YMap } from '../../core/yaml/ast.js';

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

/** Conditions judged on the policy rule as written (peers such as Trivy match RBAC text literally), with the scan's other objects at hand. */
export type LiteralConditions = (o: KubeObject, rule: PolicyRule, index: ClusterIndex) => string[];

export function rbacGrantRule(meta: Omit<RuleMeta, 'target'>, grants: Grant[], literal?: LiteralConditions): KubeRule {
  const aggregation = 'An aggregated ClusterRole (aggregationRule) is reported at its aggregationRule for each ClusterRole it aggregates that grants the access, naming that role.';
  return defineKubeRule({
    meta: { ...meta, target: 'kubernetes', decisions: meta.decisions ? `${meta.decisions} ${aggregation}` : aggregation },
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
          // A grant on named objects (aws-auth) that a broader grant of the same rule already
          // covers adds its condition, not another phrase to the message.
          if (!(g.resourceNames && whats.length)) whats.push(g.what);
          if (g.condition !== undefined) conditions.push(...(Array.isArray(g.condition) ? g.condition : [g.condition]));
        }
        if (!first) continue;
        if (literal) conditions.push(...literal(o, rule, ctx.index));
        const unique = [...new Set(conditions)];
        ctx.report({ at: first, ...(unique.length ? { condition: unique } : {}), message: `${o.kind} ${o.name} grants ${[...new Set(whats)].join(' and ')}${o.kind === 'ClusterRole' ? ' cluster-wide' : ''}` });
      }
      // An aggregated ClusterRole gets the rules of every ClusterRole its selectors match (the
      // controller copies them in); its own `rules` in the file are usually empty. Reported at the
      // aggregationRule, naming the role that brings the grant in. The peers read only the rules
      // written in the object, so only the authorizer conditions are cited.
      const aggregation = o.kind === 'ClusterRole' ? o.node.map('aggregationRule') : undefined;
      if (aggregation) {
        const sources = aggregatedSources(ctx.index, o, aggregation);
        for (const source of sources) {
          for (const rule of policyRules(source)) {
            if (isFullWildcard(rule)) continue;
            const hits = grants.filter((g) => grant(rule, g.verbs, g.resources, g.groups ?? null, g.resourceNames, g.pointAt));
            if (!hits.length) continue;
            const conditions = [...new Set(hits.flatMap((g) => (g.condition === undefined ? [] : Array.isArray(g.condition) ? g.condition : [g.condition])))];
            ctx.report({
              at: o.node.pairOf('aggregationRule')!,
              keyOnly: true,
              ...(conditions.length ? { condition: conditions } : {}),
              message: `ClusterRole ${o.name} aggregates ClusterRole ${source.name}, which grants ${[...new Set(hits.map((g) => g.what))].join(' and ')} cluster-wide`,
            });
            break;
          }
        }
      }
    },
  });
}

/**
 * The ClusterRoles an aggregated ClusterRole's selectors match (not itself), in index order.
 * Found once per object for all the RBAC rules built here, through the index's label lookup: a
 * search of every ClusterRole per rule and aggregated role was quadratic on large repositories.
 */
const aggregated = new WeakMap<KubeObject, KubeObject[]>();
function aggregatedSources(index: ClusterIndex, o: KubeObject, aggregation: YMap): KubeObject[] {
  let found = aggregated.get(o);
  if (!found) {
    const selectors = aggregation.maps('clusterRoleSelectors').map((m) => LabelSelector.fromSelector(m)).filter((sel) => !sel.empty);
    const matched = new Set(selectors.flatMap((sel) => index.labeled('ClusterRole', sel)));
    found = [...matched].filter((r) => !sameObject(r, o)).sort((a, b) => index.positionOf(a) - index.positionOf(b));
    aggregated.set(o, found);
  }
  return found;
}
