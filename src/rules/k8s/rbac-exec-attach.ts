import { rbacGrantRule } from './rbac-grant-rule.js';

export default rbacGrantRule(
  {
    id: 'k8s/rbac-exec-attach',
    title: 'Role can exec or attach into pods',
    severity: 'high',
    catalog: ['K58'],
    description: '`pods/exec` and `pods/attach` give a shell in any pod in scope, with that pod\'s service account, secrets and network position.',
    remediation: 'Remove exec/attach from roles used by workloads; grant it to people through short-lived, audited access.',
    decisions:
      'exec and attach are separate conditions, each citing the peers that check it; Polaris\'s role checks are cited by the kind of role (its binding checks report bindings, which this rule does not).',
    references: ['trivy:KSV-0053', 'trivy:KSV-0054', 'checkov:CKV2_K8S_2', 'polaris:clusterrolePodExecAttach', 'polaris:rolePodExecAttach', 'kubescape:C-0002', 'kics:c589f42c-7924-4871-aee2-1cede9bc7cbc', 'kics:d45330fd-f58d-45fb-a682-6481477a0f84', 'datree:CONTAINERS_INCORRECT_RESOURCES_VERBS_VALUE'],
    conditions: [
      { id: 'exec', when: 'create or get on pods/exec', references: ['trivy:KSV-0053', 'checkov:CKV2_K8S_2', 'kubescape:C-0002', 'kics:c589f42c-7924-4871-aee2-1cede9bc7cbc', 'datree:CONTAINERS_INCORRECT_RESOURCES_VERBS_VALUE'] },
      { id: 'attach', when: 'create or get on pods/attach', references: ['trivy:KSV-0054', 'kics:d45330fd-f58d-45fb-a682-6481477a0f84'] },
      { id: 'polaris-clusterrole', when: 'the role granting it is a ClusterRole', references: ['polaris:clusterrolePodExecAttach'] },
      { id: 'polaris-role', when: 'the role granting it is a Role', references: ['polaris:rolePodExecAttach'] },
    ],
    fix: { available: false, note: 'The needed access is the owner\'s knowledge.' },
  },
  [
    { verbs: ['create', 'get'], resources: ['pods/exec'], groups: [''], what: 'exec into pods', condition: 'exec', pointAt: 'resource' },
    { verbs: ['create', 'get'], resources: ['pods/attach'], groups: [''], what: 'attach to pods', condition: 'attach', pointAt: 'resource' },
  ],
  (o) => [o.kind === 'ClusterRole' ? 'polaris-clusterrole' : 'polaris-role'],
);
