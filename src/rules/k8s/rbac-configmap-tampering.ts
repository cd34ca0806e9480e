import { rbacGrantRule } from './rbac-grant-rule.js';

export default rbacGrantRule(
  {
    id: 'k8s/rbac-configmap-tampering',
    title: 'Role can modify ConfigMaps',
    severity: 'medium',
    catalog: ['K64'],
    description: 'Write access to ConfigMaps can poison cluster configuration: CoreDNS\'s Corefile, ingress controller settings, or EKS\'s `aws-auth`, which maps IAM identities to Kubernetes groups.',
    remediation: 'Restrict write access with `resourceNames` to the ConfigMaps the subject owns.',
    references: ['trivy:KSV-0049', 'trivy:KSV-0115', 'kubescape:C-0037'],
    fix: { available: false, note: 'The needed access is the owner\'s knowledge.' },
  },
  [{ verbs: ['create', 'update', 'patch', 'delete'], resources: ['configmaps'], groups: [''], what: 'write access to ConfigMaps' }],
);
