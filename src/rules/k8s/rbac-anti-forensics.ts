import { rbacGrantRule } from './rbac-grant-rule.js';

export default rbacGrantRule(
  {
    id: 'k8s/rbac-anti-forensics',
    title: 'Role can delete logs or events',
    severity: 'medium',
    catalog: ['K63'],
    description: 'Deleting events or pod logs erases the traces an incident responder needs.',
    remediation: 'Remove delete permissions on events and pods/log.',
    references: ['trivy:KSV-0042', 'kubescape:C-0031', 'kubescape:C-0007'],
    fix: { available: false, note: 'The needed access is the owner\'s knowledge.' },
  },
  [{ verbs: ['delete', 'deletecollection'], resources: ['events', 'pods/log'], groups: ['', 'events.k8s.io'], what: 'deletion of events or pod logs' }],
);
