import { rbacGrantRule } from './rbac-grant-rule.js';

export default rbacGrantRule(
  {
    id: 'k8s/rbac-escalation-paths',
    title: 'Role grants an indirect escalation path',
    severity: 'medium',
    catalog: ['K62'],
    description: 'Approving certificate signing requests mints credentials for any identity; creating service-account tokens steals an account; creating PersistentVolumes mounts host paths; port-forward reaches any pod port.',
    remediation: 'Remove the permission unless the subject is the controller that needs it.',
    references: ['checkov:CKV_K8S_156', 'kubescape:C-0280', 'kubescape:C-0282', 'kubescape:C-0278', 'kubescape:C-0063', 'kics:38fa11ef-dbcc-4da8-9680-7e1fd855b6fb'],
    fix: { available: false, note: 'The needed access is the owner\'s knowledge.' },
  },
  [
    { verbs: ['update', 'patch'], resources: ['certificatesigningrequests/approval'], groups: ['certificates.k8s.io'], what: 'approval of certificate signing requests' },
    { verbs: ['approve'], resources: ['signers'], groups: ['certificates.k8s.io'], what: 'approve on certificate signers' },
    { verbs: ['create'], resources: ['serviceaccounts/token'], groups: [''], what: 'creation of service-account tokens' },
    { verbs: ['create'], resources: ['persistentvolumes'], groups: [''], what: 'creation of PersistentVolumes' },
    { verbs: ['create', 'get'], resources: ['pods/portforward'], groups: [''], what: 'port-forward to pods' },
  ],
);
