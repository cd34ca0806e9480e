import { rbacGrantRule } from './rbac-grant-rule.js';
import { literally } from './rbac.js';

const DELETE = ['delete', 'deletecollection', '*'];

export default rbacGrantRule(
  {
    id: 'k8s/rbac-anti-forensics',
    title: 'Role can delete logs or events',
    severity: 'medium',
    catalog: ['K63'],
    description: 'Deleting events or pod logs erases the traces an incident responder needs.',
    remediation: 'Remove delete permissions on events and pods/log.',
    decisions:
      'Evaluated as the RBAC authorizer evaluates a request (events in the core or events.k8s.io group, pods/log in the core group). ' +
      'Trivy KSV-0042 reads the rule text literally (the resource written `pods/log` with delete, deletecollection or `*`) and Kubescape C-0031 the resource written `events` or `*` with the same verbs: each is cited only where its own condition holds. ' +
      'Kubescape C-0007 (data destruction) is about deleting workloads, Services and Secrets, not traces, and is not cited here.',
    conditions: [
      { id: 'pod-logs', when: 'delete or deletecollection on pods/log', references: [] },
      { id: 'events', when: 'delete or deletecollection on events', references: [] },
      { id: 'trivy', when: 'the rule writes the resource `pods/log` with delete, deletecollection or `*`', references: ['trivy:KSV-0042'] },
      { id: 'kubescape', when: 'the rule writes the resource `events` or `*` with delete, deletecollection or `*`', references: ['kubescape:C-0031'] },
    ],
    references: ['trivy:KSV-0042', 'kubescape:C-0031'],
    fix: { available: false, note: 'The needed access is the owner\'s knowledge.' },
  },
  [
    { verbs: ['delete', 'deletecollection'], resources: ['pods/log'], groups: [''], what: 'deletion of pod logs', condition: 'pod-logs' },
    { verbs: ['delete', 'deletecollection'], resources: ['events'], groups: ['', 'events.k8s.io'], what: 'deletion of events', condition: 'events' },
  ],
  (_o, rule) => [...(literally(rule, ['pods/log'], DELETE) ? ['trivy'] : []), ...(literally(rule, ['events', '*'], DELETE) ? ['kubescape'] : [])],
);
