import { rbacGrantRule } from './rbac-grant-rule.js';
import { literally } from './rbac.js';

export default rbacGrantRule(
  {
    id: 'k8s/rbac-nodes-proxy',
    title: 'Role can proxy to nodes',
    severity: 'high',
    catalog: ['K60'],
    description: '`nodes/proxy` reaches the kubelet API directly: exec into any pod on the node without the API server\'s audit log or admission control.',
    remediation: 'Remove `nodes/proxy`; monitoring agents should use the metrics endpoints instead.',
    references: ['trivy:KSV-0047', 'checkov:CKV2_K8S_2', 'kubescape:C-0279'],
    decisions: 'Any verb that reaches the kubelet through nodes/proxy counts (get for reads, create, update and patch for exec and run). Trivy KSV-0047 counts only get and create, written literally, so it is cited only there.',
    conditions: [
      { id: 'proxy', when: 'get, create, update, patch or * on nodes/proxy in the core group', references: ['checkov:CKV2_K8S_2', 'kubescape:C-0279'] },
      { id: 'trivy', when: 'the rule writes nodes/proxy with get or create', references: ['trivy:KSV-0047'] },
    ],
    fix: { available: false, note: 'The needed access is the owner\'s knowledge.' },
  },
  [{ verbs: ['get', 'create', 'update', 'patch', '*'], resources: ['nodes/proxy'], groups: [''], what: 'access to nodes/proxy (the kubelet API)', condition: 'proxy' }],
  (_o, rule) => (literally(rule, ['nodes/proxy'], ['get', 'create']) ? ['trivy'] : []),
);
