import { rbacGrantRule } from './rbac-grant-rule.js';

export default rbacGrantRule(
  {
    id: 'k8s/rbac-create-pods',
    title: 'Role can create pods or workloads',
    severity: 'medium',
    catalog: ['K57'],
    description: 'Whoever can create a pod (directly or through a Deployment, Job, …) can run it as any service account in the namespace and mount any Secret there: creating workloads is reading secrets.',
    remediation: 'Grant workload creation only to deployment pipelines, scoped to their namespace.',
    references: ['trivy:KSV-0048', 'kube-linter:access-to-create-pods', 'kubescape:C-0188', 'kics:592ad21d-ad9b-46c6-8d2d-fad09d62a942', 'datree:CIS_INVALID_VALUE_CREATE_POD'],
    fix: { available: false, note: 'The needed access is the owner\'s knowledge.' },
  },
  [{ verbs: ['create'], resources: ['pods', 'deployments', 'statefulsets', 'replicasets', 'daemonsets', 'jobs', 'cronjobs', 'replicationcontrollers'], what: 'create on pods or workloads' }],
);
