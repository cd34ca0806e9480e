import { rbacGrantRule } from './rbac-grant-rule.js';
import { literally, type PolicyRule } from './rbac.js';

const WEBHOOKS = ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'];

export default rbacGrantRule(
  {
    id: 'k8s/rbac-admission-webhooks',
    title: 'Role can manage admission webhooks',
    severity: 'high',
    catalog: ['K61'],
    description: 'Control over Validating/MutatingWebhookConfigurations lets a subject disable policy enforcement or rewrite every object created in the cluster.',
    remediation: 'Reserve webhook management for cluster administrators and the controller that owns each webhook.',
    decisions:
      'Evaluated as the RBAC authorizer evaluates a request (create, update, patch or delete on the webhook configurations in admissionregistration.k8s.io). Each peer is cited on its own condition: Checkov CKV_K8S_155 on ClusterRoles that can create, update or patch them; ' +
      'Trivy KSV-0114 where the rule writes a webhook configuration by name with one of its verbs (any API group); Kubescape C-0281 only where a binding in the scan gives such a role (create, update, delete or `*`) to a subject, since it judges subjects, not roles. ' +
      'A rule whose only verb is `impersonate` grants nothing on these resources (Kubernetes impersonates only users, groups, ServiceAccounts, uids and user extras), so riskgate makes no finding; Trivy KSV-0114 counts `impersonate` and fires on it.',
    conditions: [
      { id: 'control', when: 'create, update, patch or delete on validating or mutating webhook configurations', references: [] },
      { id: 'checkov', when: 'a ClusterRole that can create, update or patch them', references: ['checkov:CKV_K8S_155'] },
      { id: 'trivy', when: 'the rule writes a webhook configuration by name with create, update, patch, delete, deletecollection, impersonate or `*`', references: ['trivy:KSV-0114'] },
      { id: 'kubescape', when: 'the rule lists create, update, delete or `*` on them (or `*`) in admissionregistration.k8s.io (or `*`), and a binding in the scan gives the role to a subject', references: ['kubescape:C-0281'] },
    ],
    references: ['trivy:KSV-0114', 'checkov:CKV_K8S_155', 'kubescape:C-0281'],
    fix: { available: false, note: 'The needed access is the owner\'s knowledge.' },
  },
  [
    { verbs: ['create', 'update', 'patch', 'delete'], resources: WEBHOOKS, groups: ['admissionregistration.k8s.io'], what: 'control of admission webhooks', condition: 'control' },
  ],
  (o, rule, index) => {
    const out: string[] = [];
    if (o.kind === 'ClusterRole' && literallyGrants(rule, ['create', 'update', 'patch'])) out.push('checkov');
    if (literally(rule, WEBHOOKS, ['create', 'update', 'patch', 'delete', 'deletecollection', 'impersonate', '*'])) out.push('trivy');
    const lit = (xs: { value: unknown }[], allowed: string[]) => xs.some((x) => allowed.includes(String(x.value)));
    const bound = index.bindingsTo(o.kind === 'ClusterRole' ? 'ClusterRoleBinding' : 'RoleBinding', o.kind, o.name).length > 0 || (o.kind === 'ClusterRole' && index.bindingsTo('RoleBinding', 'ClusterRole', o.name).length > 0);
    if (bound && lit(rule.verbs, ['create', 'update', 'delete', '*']) && lit(rule.apiGroups, ['admissionregistration.k8s.io', '*']) && lit(rule.resources, [...WEBHOOKS, '*'])) out.push('kubescape');
    return out;
  },
);

/** The rule grants one of `verbs` on a webhook configuration, wildcards read as the authorizer reads them. */
function literallyGrants(rule: PolicyRule, verbs: string[]): boolean {
  const has = (xs: { value: unknown }[], allowed: string[]) => xs.some((x) => allowed.includes(String(x.value)) || String(x.value) === '*');
  return has(rule.verbs, verbs) && has(rule.resources, WEBHOOKS) && has(rule.apiGroups, ['admissionregistration.k8s.io']);
}
