import { rbacGrantRule } from './rbac-grant-rule.js';
import { literally, policyRules, type PolicyRule } from './rbac.js';

const RBAC = ['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'];
const has = (list: { value: unknown }[], v: string) => list.some((x) => String(x.value).trim() === v);

export default rbacGrantRule(
  {
    id: 'k8s/rbac-escalate',
    title: 'Role can escalate, bind or impersonate',
    severity: 'high',
    catalog: ['K59'],
    description: '`escalate` and `bind` on roles let a subject grant itself permissions it does not have; `impersonate` lets it act as any user, group or service account.',
    decisions:
      'Creating role bindings alone is not reported: the API server\'s escalation check only lets a subject bind roles whose permissions it already has, unless it also has `bind`. `bind` is reported on bindings too, as Checkov does. ' +
      'Evaluated as the RBAC authorizer evaluates a request; a rule limited by `resourceNames` (bind only to the `view` role) is narrowed and not reported. Trivy\'s checks read the rule text literally and are cited only where their own condition holds: ' +
      'KSV-0043 (apiGroups `*`, resource `groups`, verb `impersonate`), KSV-0050 (`roles` or `rolebindings` with escalate, bind, impersonate or `*`, read literally), KSV-0051/KSV-0052 (create on `rolebindings`/`clusterrolebindings` and, in a later rule, bind on roles with resourceNames `*`), KSV-0055 (apiGroups `*`, `rolebindings`, get and patch). ' +
      'Checkov\'s CKV2_K8S_1 and CKV2_K8S_3 judge the subjects a role is bound to, which this role-level rule does not see, so they are not cited. ' +
      'Where Trivy fires on a rule that grants nothing, riskgate does not: `impersonate` on `roles` or `rolebindings` (impersonation applies only to users, groups, ServiceAccounts, uids and user extras: Trivy KSV-0050 fires), `bind` with `resourceNames: ["*"]` (Kubernetes has no wildcard in resourceNames: it names a role called `*`; Trivy KSV-0051/KSV-0052 fire), and get + patch on `rolebindings` alone (the API server lets a subject add others only to bindings of roles it already holds: Trivy KSV-0055 fires). Each would be a finding on an access the cluster does not grant.',
    remediation: 'Remove these verbs; they belong to cluster administrators only.',
    conditions: [
      { id: 'bind', when: 'bind on roles, clusterroles or bindings in rbac.authorization.k8s.io', references: ['checkov:CKV_K8S_157', 'kubescape:C-0191', 'kics:8320826e-7a9c-4b0b-9535-578333193432', 'datree:CIS_INVALID_VALUE_BIND_IMPERSONATE_ESCALATE'] },
      { id: 'escalate', when: 'escalate on roles or clusterroles in rbac.authorization.k8s.io', references: ['checkov:CKV_K8S_158', 'kubescape:C-0191', 'kics:8320826e-7a9c-4b0b-9535-578333193432', 'datree:CIS_INVALID_VALUE_BIND_IMPERSONATE_ESCALATE'] },
      { id: 'impersonate', when: 'impersonate on users, groups, service accounts, user extras or UIDs', references: ['kubescape:C-0065', 'kics:9f85c3f6-26fd-4007-938a-2e0cb0100980', 'datree:CIS_INVALID_VALUE_BIND_IMPERSONATE_ESCALATE'] },
      { id: 'trivy-impersonate-groups', when: 'a rule written with apiGroups `*`, resource `groups` and verb `impersonate`', references: ['trivy:KSV-0043'] },
      { id: 'trivy-manage-rbac', when: 'a rule listing `roles` or `rolebindings` with escalate, bind, impersonate or `*`', references: ['trivy:KSV-0050'] },
      { id: 'trivy-rolebinding-bind', when: 'create on `rolebindings` and, in a later rule, bind on `roles`/`clusterroles` with resourceNames `*` (rbac.authorization.k8s.io)', references: ['trivy:KSV-0051'] },
      { id: 'trivy-clusterrolebinding-bind', when: 'create on `clusterrolebindings` and, in a later rule, bind on `roles`/`clusterroles` with resourceNames `*` (rbac.authorization.k8s.io)', references: ['trivy:KSV-0052'] },
      { id: 'trivy-rolebinding-patch', when: 'a rule written with apiGroups `*`, `rolebindings`, get and patch', references: ['trivy:KSV-0055'] },
    ],
    references: ['trivy:KSV-0050', 'trivy:KSV-0043', 'trivy:KSV-0051', 'trivy:KSV-0052', 'trivy:KSV-0055', 'checkov:CKV_K8S_157', 'checkov:CKV_K8S_158', 'kubescape:C-0191', 'kubescape:C-0065', 'kics:8320826e-7a9c-4b0b-9535-578333193432', 'kics:9f85c3f6-26fd-4007-938a-2e0cb0100980', 'datree:CIS_INVALID_VALUE_BIND_IMPERSONATE_ESCALATE'],
    fix: { available: false, note: 'The needed access is the owner\'s knowledge.' },
  },
  [
    { verbs: ['escalate'], resources: ['roles', 'clusterroles'], groups: ['rbac.authorization.k8s.io'], what: 'escalate on roles', condition: 'escalate' },
    { verbs: ['bind'], resources: RBAC, groups: ['rbac.authorization.k8s.io'], what: 'bind on roles', condition: 'bind' },
    { verbs: ['impersonate'], resources: ['users', 'groups', 'serviceaccounts', 'userextras/scopes', 'uids'], what: 'impersonation', condition: 'impersonate' },
  ],
  (o, rule) => {
    const out: string[] = [];
    if (has(rule.apiGroups, '*') && has(rule.resources, 'groups') && has(rule.verbs, 'impersonate')) out.push('trivy-impersonate-groups');
    if (literally(rule, ['roles', 'rolebindings'], ['escalate', 'bind', 'impersonate', '*'])) out.push('trivy-manage-rbac');
    if (has(rule.apiGroups, '*') && has(rule.resources, 'rolebindings') && has(rule.verbs, 'get') && has(rule.verbs, 'patch')) out.push('trivy-rolebinding-patch');
    const rules = policyRules(o);
    const i = rules.findIndex((r) => r.node === rule.node);
    const creates = (r: PolicyRule, res: string) => has(r.apiGroups, 'rbac.authorization.k8s.io') && has(r.resources, res) && has(r.verbs, 'create');
    const bindsAny = (r: PolicyRule) => has(r.apiGroups, 'rbac.authorization.k8s.io') && (has(r.resources, 'clusterroles') || has(r.resources, 'roles')) && has(r.verbs, 'bind') && r.resourceNames.includes('*');
    for (const [res, id] of [['rolebindings', 'trivy-rolebinding-bind'], ['clusterrolebindings', 'trivy-clusterrolebinding-bind']] as const) {
      // Trivy reports the rule that creates bindings when a later rule binds any role.
      if (creates(rule, res) && rules.slice(i + 1).some(bindsAny)) out.push(id);
      if (bindsAny(rule) && rules.slice(0, i).some((r) => creates(r, res))) out.push(id);
    }
    return [...new Set(out)];
  },
);
