import { rbacGrantRule } from './rbac-grant-rule.js';

export default rbacGrantRule(
  {
    id: 'k8s/rbac-nodes-proxy',
    title: 'Role can proxy to nodes',
    severity: 'high',
    catalog: ['K60'],
    description: '`nodes/proxy` reaches the kubelet API directly: exec into any pod on the node without the API server\'s audit log or admission control.',
    remediation: 'Remove `nodes/proxy`; monitoring agents should use the metrics endpoints instead.',
    references: ['trivy:KSV-0047', 'checkov:CKV2_K8S_2', 'kubescape:C-0279'],
    fix: { available: false, note: 'The needed access is the owner\'s knowledge.' },
  },
  [{ verbs: ['get', 'create', 'update', 'patch', '*'], resources: ['nodes/proxy'], groups: [''], what: 'access to nodes/proxy (the kubelet API)' }],
);
