import { rbacGrantRule } from './rbac-grant-rule.js';
import { grant, policyRules } from './rbac.js';

export default rbacGrantRule(
  {
    id: 'k8s/rbac-escalation-paths',
    title: 'Role grants an indirect escalation path',
    severity: 'medium',
    catalog: ['K62'],
    description: 'Approving certificate signing requests mints credentials for any identity; creating service-account tokens steals an account; creating PersistentVolumes mounts host paths; port-forward reaches any pod port.',
    remediation: 'Remove the permission unless the subject is the controller that needs it.',
    decisions:
      'Evaluated as the RBAC authorizer evaluates a request. Each finding cites the peer check of the permission it found: Kubescape C-0280 (CSR approval), C-0282 (service-account tokens), C-0278 (PersistentVolumes), C-0063 and KICS 38fa11ef (port-forward). ' +
      'Checkov CKV_K8S_156 fails a ClusterRole only when it grants both the approval subresource of certificatesigningrequests and `approve` on signers; it is cited only then.',
    conditions: [
      { id: 'csr-approval', when: 'update or patch on certificatesigningrequests/approval', references: ['kubescape:C-0280'] },
      { id: 'signers', when: 'approve on signers', references: [] },
      { id: 'checkov-csr', when: 'a ClusterRole granting both of the above', references: ['checkov:CKV_K8S_156'] },
      { id: 'sa-token', when: 'create on serviceaccounts/token', references: ['kubescape:C-0282'] },
      { id: 'persistent-volumes', when: 'create on persistentvolumes', references: ['kubescape:C-0278'] },
      { id: 'port-forward', when: 'create or get on pods/portforward', references: ['kubescape:C-0063', 'kics:38fa11ef-dbcc-4da8-9680-7e1fd855b6fb'] },
    ],
    references: ['checkov:CKV_K8S_156', 'kubescape:C-0280', 'kubescape:C-0282', 'kubescape:C-0278', 'kubescape:C-0063', 'kics:38fa11ef-dbcc-4da8-9680-7e1fd855b6fb'],
    fix: { available: false, note: 'The needed access is the owner\'s knowledge.' },
  },
  [
    { verbs: ['update', 'patch'], resources: ['certificatesigningrequests/approval'], groups: ['certificates.k8s.io'], what: 'approval of certificate signing requests', condition: 'csr-approval' },
    { verbs: ['approve'], resources: ['signers'], groups: ['certificates.k8s.io'], what: 'approve on certificate signers', condition: 'signers' },
    { verbs: ['create'], resources: ['serviceaccounts/token'], groups: [''], what: 'creation of service-account tokens', condition: 'sa-token' },
    { verbs: ['create'], resources: ['persistentvolumes'], groups: [''], what: 'creation of PersistentVolumes', condition: 'persistent-volumes' },
    { verbs: ['create', 'get'], resources: ['pods/portforward'], groups: [''], what: 'port-forward to pods', condition: 'port-forward' },
  ],
  (o) => {
    if (o.kind !== 'ClusterRole') return [];
    const rules = policyRules(o);
    const approval = rules.some((r) => grant(r, ['update', 'patch'], ['certificatesigningrequests/approval'], ['certificates.k8s.io']));
    const signers = rules.some((r) => grant(r, ['approve'], ['signers'], ['certificates.k8s.io']));
    return approval && signers ? ['checkov-csr'] : [];
  },
);
