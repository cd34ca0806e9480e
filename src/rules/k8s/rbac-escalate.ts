import { rbacGrantRule } from './rbac-grant-rule.js';

export default rbacGrantRule(
  {
    id: 'k8s/rbac-escalate',
    title: 'Role can escalate, bind or impersonate',
    severity: 'high',
    catalog: ['K59'],
    description: '`escalate` and `bind` on roles let a subject grant itself permissions it does not have; `impersonate` lets it act as any user, group or service account.',
    decisions: 'Creating role bindings alone is not reported: the API server\'s escalation check only lets a subject bind roles whose permissions it already has, unless it also has `bind`. `bind` is reported on bindings too, as Checkov does.',
    remediation: 'Remove these verbs; they belong to cluster administrators only.',
    references: ['trivy:KSV-0050', 'trivy:KSV-0043', 'trivy:KSV-0051', 'trivy:KSV-0052', 'trivy:KSV-0055', 'checkov:CKV_K8S_157', 'checkov:CKV_K8S_158', 'checkov:CKV2_K8S_1', 'checkov:CKV2_K8S_3', 'kubescape:C-0191', 'kubescape:C-0065', 'kics:8320826e-7a9c-4b0b-9535-578333193432', 'kics:9f85c3f6-26fd-4007-938a-2e0cb0100980', 'datree:CIS_INVALID_VALUE_BIND_IMPERSONATE_ESCALATE'],
    fix: { available: false, note: 'The needed access is the owner\'s knowledge.' },
  },
  [
    { verbs: ['escalate', 'bind'], resources: ['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'], groups: ['rbac.authorization.k8s.io'], what: 'escalate/bind on roles' },
    { verbs: ['impersonate'], resources: ['users', 'groups', 'serviceaccounts', 'userextras/scopes', 'uids'], what: 'impersonation' },
  ],
);
