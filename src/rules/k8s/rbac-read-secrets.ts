import { rbacGrantRule } from './rbac-grant-rule.js';
import { literally } from './rbac.js';
import type { KubeObject } from '../../core/k8s/objects.js';
import type { ClusterIndex } from '../../core/k8s/cluster-index.js';

/** As KICS reads it: a RoleBinding to this Role, or a ClusterRoleBinding to this ClusterRole, with a ServiceAccount subject. */
function boundToServiceAccount(o: KubeObject, index: ClusterIndex): boolean {
  const bindingKind = o.kind === 'Role' ? 'RoleBinding' : 'ClusterRoleBinding';
  return index.bindingsTo(bindingKind, o.kind, o.name).some((b) => b.node.maps('subjects').some((s) => s.str('kind') === 'ServiceAccount'));
}

const MANAGE = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'impersonate', '*'];

export default rbacGrantRule(
  {
    id: 'k8s/rbac-read-secrets',
    title: 'Role can read or change Secrets',
    severity: 'high',
    catalog: ['K56'],
    description:
      'Reading Secrets reads every credential in their scope, service-account tokens included, which usually leads to cluster-admin; creating, changing or deleting them lets the holder plant or destroy credentials.',
    remediation: 'Grant access to the specific Secrets the workload needs with `resourceNames`, or mount them instead of reading them through the API.',
    decisions:
      'Evaluated as the RBAC authorizer evaluates a request: the Secret resource in the core group (`""` or `*`), any verb that reads or changes it. A rule limited by `resourceNames` grants access to those Secrets only and is not reported. ' +
      'Trivy KSV-0041 (ClusterRole) and KSV-0113 (Role) read the rule text literally (the resource written `secrets`, any API group, verbs from get to deletecollection, impersonate or `*`): riskgate cites them only where that literal condition holds. A rule whose only verb on secrets is `impersonate` grants nothing (Kubernetes impersonates only users, groups, ServiceAccounts, uids and user extras), so riskgate makes no finding; Trivy KSV-0041 and KSV-0113 counts `impersonate` among its verbs and fires on it.',
    conditions: [
      { id: 'read', when: 'get, list or watch on secrets in the core group', references: ['checkov:CKV2_K8S_5', 'kube-linter:access-to-secrets', 'kubescape:C-0015', 'kubescape:C-0186', 'kics:b7bca5c4-1dab-4c2c-8cbe-3050b9d59b14', 'datree:CIS_INVALID_VERB_SECRETS'] },
      { id: 'kics-serviceaccount', when: 'the rule writes `secrets` with get, list, watch or `*`, and a binding in the scan gives the role to a ServiceAccount (a RoleBinding for a Role, a ClusterRoleBinding for a ClusterRole)', references: ['kics:056ac60e-fe07-4acc-9b34-8e1d51716ab9'] },
      { id: 'change', when: 'create, update, patch, delete or deletecollection on secrets in the core group', references: [] },
      { id: 'trivy-clusterrole', when: 'a ClusterRole rule writes the resource `secrets` with one of Trivy\'s verbs', references: ['trivy:KSV-0041'] },
      { id: 'trivy-role', when: 'a Role rule writes the resource `secrets` with one of Trivy\'s verbs', references: ['trivy:KSV-0113'] },
    ],
    references: ['trivy:KSV-0041', 'trivy:KSV-0113', 'checkov:CKV2_K8S_5', 'kube-linter:access-to-secrets', 'kubescape:C-0015', 'kubescape:C-0186', 'kics:b7bca5c4-1dab-4c2c-8cbe-3050b9d59b14', 'kics:056ac60e-fe07-4acc-9b34-8e1d51716ab9', 'datree:CIS_INVALID_VERB_SECRETS'],
    fix: { available: false, note: 'The needed access is the owner\'s knowledge.' },
  },
  [
    { verbs: ['get', 'list', 'watch'], resources: ['secrets'], groups: [''], what: 'read access to Secrets', condition: 'read' },
    { verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'], resources: ['secrets'], groups: [''], what: 'write access to Secrets', condition: 'change' },
  ],
  (o, rule, index) => [
    ...(literally(rule, ['secrets'], MANAGE) ? [o.kind === 'ClusterRole' ? 'trivy-clusterrole' : 'trivy-role'] : []),
    ...(literally(rule, ['secrets'], ['get', 'list', 'watch', '*']) && boundToServiceAccount(o, index) ? ['kics-serviceaccount'] : []),
  ],
);
