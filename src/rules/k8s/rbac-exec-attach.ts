import { rbacGrantRule } from './rbac-grant-rule.js';

export default rbacGrantRule(
  {
    id: 'k8s/rbac-exec-attach',
    title: 'Role can exec or attach into pods',
    severity: 'high',
    catalog: ['K58'],
    description: '`pods/exec` and `pods/attach` give a shell in any pod in scope, with that pod\'s service account, secrets and network position.',
    remediation: 'Remove exec/attach from roles used by workloads; grant it to people through short-lived, audited access.',
    references: ['trivy:KSV-0053', 'trivy:KSV-0054', 'checkov:CKV2_K8S_2', 'polaris:clusterrolePodExecAttach', 'polaris:rolePodExecAttach', 'polaris:clusterrolebindingPodExecAttach', 'polaris:rolebindingRolePodExecAttach', 'polaris:rolebindingClusterRolePodExecAttach', 'kubescape:C-0002', 'kics:c589f42c-7924-4871-aee2-1cede9bc7cbc', 'kics:d45330fd-f58d-45fb-a682-6481477a0f84', 'datree:CONTAINERS_INCORRECT_RESOURCES_VERBS_VALUE'],
    fix: { available: false, note: 'The needed access is the owner\'s knowledge.' },
  },
  [{ verbs: ['create', 'get'], resources: ['pods/exec', 'pods/attach'], groups: [''], what: 'exec/attach into pods', pointAt: 'resource' }],
);
