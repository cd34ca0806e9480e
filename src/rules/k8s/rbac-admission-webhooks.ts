import { rbacGrantRule } from './rbac-grant-rule.js';

export default rbacGrantRule(
  {
    id: 'k8s/rbac-admission-webhooks',
    title: 'Role can manage admission webhooks',
    severity: 'high',
    catalog: ['K61'],
    description: 'Control over Validating/MutatingWebhookConfigurations lets a subject disable policy enforcement or rewrite every object created in the cluster.',
    remediation: 'Reserve webhook management for cluster administrators and the controller that owns each webhook.',
    references: ['trivy:KSV-0114', 'checkov:CKV_K8S_155', 'kubescape:C-0281'],
    fix: { available: false, note: 'The needed access is the owner\'s knowledge.' },
  },
  [{ verbs: ['create', 'update', 'patch', 'delete'], resources: ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'], groups: ['admissionregistration.k8s.io'], what: 'control of admission webhooks' }],
);
