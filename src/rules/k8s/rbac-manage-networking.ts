import { rbacGrantRule } from './rbac-grant-rule.js';

export default rbacGrantRule(
  {
    id: 'k8s/rbac-manage-networking',
    title: 'Role can manage Services, endpoints or NetworkPolicies',
    severity: 'medium',
    catalog: ['K65'],
    description: 'Creating or changing Services and endpoints redirects traffic (man-in-the-middle inside the cluster); changing NetworkPolicies removes isolation.',
    remediation: 'Grant networking changes only to deployment pipelines and controllers.',
    references: ['trivy:KSV-0056'],
    fix: { available: false, note: 'The needed access is the owner\'s knowledge.' },
  },
  [
    { verbs: ['create', 'update', 'patch', 'delete'], resources: ['services', 'endpoints'], groups: [''], what: 'write access to Services/endpoints' },
    { verbs: ['create', 'update', 'patch', 'delete'], resources: ['endpointslices'], groups: ['discovery.k8s.io'], what: 'write access to EndpointSlices' },
    { verbs: ['create', 'update', 'patch', 'delete'], resources: ['networkpolicies'], groups: ['networking.k8s.io'], what: 'write access to NetworkPolicies' },
  ],
);
