import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { policyRules } from './rbac.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/cluster-admin-binding',
    title: 'Binding to cluster-admin',
    severity: 'high',
    target: 'kubernetes',
    catalog: ['K55'],
    description: 'Binding `cluster-admin` (or a role in the scan that grants `*` on `*`) gives the subjects full control of the cluster (or namespace): secrets, workloads, RBAC itself.',
    remediation: 'Bind a role with only the permissions the subject needs.',
    references: ['trivy:KSV-0111', 'kube-linter:cluster-admin-role-binding', 'polaris:clusterrolebindingClusterAdmin', 'polaris:rolebindingClusterAdminClusterRole', 'polaris:rolebindingClusterAdminRole', 'kubescape:C-0035', 'kics:249328b8-5f0f-409f-b1dd-029f07882e11', 'datree:CIS_INVALID_ROLE_CLUSTER_ADMIN'],
    conditions: [
      { id: 'crb-cluster-admin', when: 'a ClusterRoleBinding binds cluster-admin', references: ['trivy:KSV-0111', 'kube-linter:cluster-admin-role-binding', 'polaris:clusterrolebindingClusterAdmin', 'kubescape:C-0035', 'kics:249328b8-5f0f-409f-b1dd-029f07882e11', 'datree:CIS_INVALID_ROLE_CLUSTER_ADMIN'] },
      { id: 'rb-cluster-admin-clusterrole', when: 'a RoleBinding binds the ClusterRole cluster-admin', references: ['trivy:KSV-0111', 'kube-linter:cluster-admin-role-binding', 'polaris:rolebindingClusterAdminClusterRole', 'kubescape:C-0035', 'kics:249328b8-5f0f-409f-b1dd-029f07882e11', 'datree:CIS_INVALID_ROLE_CLUSTER_ADMIN'] },
      { id: 'rb-cluster-admin-role', when: 'a RoleBinding binds a Role named cluster-admin', references: ['trivy:KSV-0111', 'kube-linter:cluster-admin-role-binding', 'polaris:rolebindingClusterAdminRole', 'kubescape:C-0035', 'kics:249328b8-5f0f-409f-b1dd-029f07882e11', 'datree:CIS_INVALID_ROLE_CLUSTER_ADMIN'] },
      { id: 'superuser-role', when: 'a binding binds another role in the scan that grants * on *', references: ['kubescape:C-0035'] },
    ],
    decisions: 'The peers other than Kubescape read the role\'s name (cluster-admin) only: a binding to another role that grants `*` on `*` cites Kubescape alone.',
    fix: { available: false, note: 'The needed permissions are the owner\'s knowledge.' },
  },
  check(ctx) {
    const o = ctx.object;
    if (o.kind !== 'RoleBinding' && o.kind !== 'ClusterRoleBinding') return;
    const ref = o.node.map('roleRef');
    const name = ref?.str('name');
    const at = ref?.pairOf('name');
    if (!name || !at) return;
    const kind = ref!.str('kind') ?? 'ClusterRole';
    if (name === 'cluster-admin') {
      const condition = o.kind === 'ClusterRoleBinding' ? 'crb-cluster-admin' : kind === 'Role' ? 'rb-cluster-admin-role' : 'rb-cluster-admin-clusterrole';
      ctx.report({ at, condition, message: `${o.kind} ${o.name} binds cluster-admin` });
      return;
    }
    const role = ctx.index.find(kind, name, kind === 'ClusterRole' ? null : (o.namespace ?? 'default'));
    const superuser = role && policyRules(role).some((r) => [r.verbs, r.resources, r.apiGroups].every((l) => l.some((s) => String(s.value) === '*')));
    if (superuser) ctx.report({ at, condition: 'superuser-role', message: `${o.kind} ${o.name} binds ${kind} ${name}, which grants * on *` });
  },
});
