// A resource whose only finding is one rule's: how training data covers every rule (so no finding
// is invisible to the model) and how the tests check that every rule moves the score.

import type { RuleMeta } from '../rule.js';
import type { Finding, ResourceReport } from '../types.js';

const KIND_OF: [RegExp, string[]][] = [
  [/^docker\//, ['Dockerfile']],
  [/^k8s\/(rbac-|cluster-admin|binding-broad)/, ['ClusterRole', 'Role', 'ClusterRoleBinding']],
  [/^k8s\/(service-|dangling-service|endpointslice)/, ['Service']],
  [/^k8s\/ingress-/, ['Ingress']],
  [/^k8s\/(dangling-network-policy|non-isolated-pod)/, ['NetworkPolicy', 'Deployment']],
  [/^k8s\/secret-in-configmap/, ['ConfigMap']],
  [/./, ['Deployment', 'Pod', 'DaemonSet']],
];

/** The kinds of resource a rule's findings sit on. */
export function kindsForRule(ruleId: string): string[] {
  return KIND_OF.find(([re]) => re.test(ruleId))![1];
}

export function syntheticResource(kind: string): ResourceReport {
  return { path: 'synthetic', line: 1, kind, name: 'x', namespace: kind === 'Dockerfile' ? null : 'team', checked: true, risk: null };
}

export function syntheticFinding(meta: RuleMeta, kind: string, fingerprint = 's'): Finding {
  return {
    ruleId: meta.id,
    severity: meta.severity,
    title: meta.title,
    message: '',
    path: 'synthetic',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    resource: kind === 'Dockerfile' ? null : { kind, name: 'x', namespace: 'team' },
    container: null,
    references: [],
    suppressed: null,
    fingerprint,
    fix: null,
  };
}
