import { rbacGrantRule } from './rbac-grant-rule.js';
import { literally } from './rbac.js';

const CHANGE = ['create', 'update', 'patch', 'delete', 'deletecollection'];

export default rbacGrantRule(
  {
    id: 'k8s/rbac-manage-networking',
    title: 'Role can manage Services, endpoints, NetworkPolicies or Ingresses',
    severity: 'medium',
    catalog: ['K65'],
    description: 'Creating or changing Services and endpoints redirects traffic (man-in-the-middle inside the cluster); changing NetworkPolicies removes isolation.',
    remediation: 'Grant networking changes only to deployment pipelines and controllers.',
    decisions: 'Evaluated as the RBAC authorizer evaluates a request (Services and endpoints in the core group, EndpointSlices in discovery.k8s.io, NetworkPolicies and Ingresses in networking.k8s.io). Trivy KSV-0056 reads the rule text literally (any API group) and is cited only where that holds. A rule whose only verb on these resources is `impersonate` grants nothing (Kubernetes impersonates only users, groups, ServiceAccounts, uids and user extras), so riskgate makes no finding; Trivy KSV-0056 counts `impersonate` among its verbs and fires on it.',
    conditions: [
      { id: 'change-networking', when: 'create, update, patch, delete or deletecollection on services, endpoints, endpointslices, networkpolicies or ingresses in their API groups', references: [] },
      { id: 'trivy-networking', when: 'the rule writes one of those resources by name with create, update, patch, delete, deletecollection, impersonate or `*`', references: ['trivy:KSV-0056'] },
    ],
    references: ['trivy:KSV-0056'],
    fix: { available: false, note: 'The needed access is the owner\'s knowledge.' },
  },
  [
    { verbs: CHANGE, resources: ['services', 'endpoints'], groups: [''], what: 'write access to Services/endpoints', condition: 'change-networking' },
    { verbs: CHANGE, resources: ['endpointslices'], groups: ['discovery.k8s.io'], what: 'write access to EndpointSlices', condition: 'change-networking' },
    { verbs: CHANGE, resources: ['networkpolicies', 'ingresses'], groups: ['networking.k8s.io'], what: 'write access to NetworkPolicies or Ingresses', condition: 'change-networking' },
  ],
  (_o, rule) => (literally(rule, ['services', 'endpoints', 'endpointslices', 'networkpolicies', 'ingresses'], [...CHANGE, 'impersonate', '*']) ? ['trivy-networking'] : []),
);
