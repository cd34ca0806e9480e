import { rbacGrantRule } from './rbac-grant-rule.js';

export default rbacGrantRule(
  {
    id: 'k8s/rbac-read-secrets',
    title: 'Role can read Secrets',
    severity: 'high',
    catalog: ['K56'],
    description: '`get`, `list` or `watch` on secrets reads every credential in scope, including service-account tokens of more privileged accounts. `list` and `watch` return the values too.',
    remediation: 'Remove the permission, or restrict it with `resourceNames` to the specific Secrets needed.',
    references: ['trivy:KSV-0041', 'trivy:KSV-0113', 'checkov:CKV2_K8S_5', 'kube-linter:access-to-secrets', 'kubescape:C-0015', 'kubescape:C-0186', 'kics:b7bca5c4-1dab-4c2c-8cbe-3050b9d59b14', 'kics:056ac60e-fe07-4acc-9b34-8e1d51716ab9', 'datree:CIS_INVALID_VERB_SECRETS'],
    fix: { available: false, note: 'The needed access is the owner\'s knowledge.' },
  },
  [{ verbs: ['get', 'list', 'watch'], resources: ['secrets'], groups: [''], what: 'read access to Secrets' }],
);
