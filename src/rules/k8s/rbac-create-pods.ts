import { rbacGrantRule } from './rbac-grant-rule.js';
import { literally } from './rbac.js';

const WORKLOADS = ['pods', 'deployments', 'jobs', 'cronjobs', 'statefulsets', 'daemonsets', 'replicasets', 'replicationcontrollers'];
const CHANGE = ['create', 'update', 'patch', 'delete', 'deletecollection'];

export default rbacGrantRule(
  {
    id: 'k8s/rbac-create-pods',
    title: 'Role can create or change pods or workloads',
    severity: 'medium',
    catalog: ['K57'],
    description:
      'Whoever can create a pod (directly or through a Deployment, Job, …) can run it as any service account in the namespace and mount any Secret there: creating workloads is reading secrets. ' +
      'Updating or patching an existing workload swaps its image or command just as well.',
    remediation: 'Grant workload creation and changes only to deployment pipelines, scoped to their namespace.',
    decisions:
      'Evaluated as the RBAC authorizer evaluates a request, each workload in its own API group (pods and replicationcontrollers in the core group, deployments, statefulsets, daemonsets and replicasets in apps, jobs and cronjobs in batch). ' +
      'kube-linter, Kubescape, KICS and Datree check `create` on pods; Trivy KSV-0048 reads the rule text literally (a workload resource written by name, with create, update, patch, delete, deletecollection, impersonate or `*`, any API group): each is cited only where its condition holds. A rule whose only verb on workloads is `impersonate` grants nothing (Kubernetes impersonates only users, groups, ServiceAccounts, uids and user extras), so riskgate makes no finding; Trivy KSV-0048 counts `impersonate` among its verbs and fires on it.',
    conditions: [
      { id: 'create-pods', when: 'create on pods in the core group', references: ['kube-linter:access-to-create-pods', 'kubescape:C-0188', 'kics:592ad21d-ad9b-46c6-8d2d-fad09d62a942', 'datree:CIS_INVALID_VALUE_CREATE_POD'] },
      { id: 'change-workloads', when: 'create, update, patch, delete or deletecollection on pods or workload controllers in their API groups', references: [] },
      { id: 'trivy-workloads', when: 'the rule writes a workload resource by name with one of Trivy\'s change verbs', references: ['trivy:KSV-0048'] },
    ],
    references: ['trivy:KSV-0048', 'kube-linter:access-to-create-pods', 'kubescape:C-0188', 'kics:592ad21d-ad9b-46c6-8d2d-fad09d62a942', 'datree:CIS_INVALID_VALUE_CREATE_POD'],
    fix: { available: false, note: 'The needed access is the owner\'s knowledge.' },
  },
  [
    { verbs: ['create'], resources: ['pods'], groups: [''], what: 'create on pods', condition: ['create-pods', 'change-workloads'] },
    { verbs: CHANGE, resources: WORKLOADS, what: 'create or change access to pods or workloads', condition: 'change-workloads' },
  ],
  (_o, rule) => (literally(rule, WORKLOADS, [...CHANGE, 'impersonate', '*']) ? ['trivy-workloads'] : []),
);
