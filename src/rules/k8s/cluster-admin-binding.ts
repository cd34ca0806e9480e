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
    fix: { available: false, note: 'The needed permissions are the owner\'s knowledge.' },
  },
  check(ctx) {
    const o = ctx.object;
    if (o.kind !== 'RoleBinding' && o.kind !== 'ClusterRoleBinding') return;
    const ref = o.node.map('roleRef');
    const name = ref?.str('name');
    const at = ref?.pairOf('name');
    if (!name || !at) return;
    if (name === 'cluster-admin') {
      ctx.report({ at, message: `${o.kind} ${o.name} binds cluster-admin` });
      return;
    }
    const kind = ref!.str('kind') ?? 'ClusterRole';
    const role = ctx.index.find(kind, name, kind === 'ClusterRole' ? null : (o.namespace ?? 'default'));
    const superuser = role && policyRules(role).some((r) => [r.verbs, r.resources, r.apiGroups].every((l) => l.some((s) => String(s.value) === '*')));
    if (superuser) ctx.report({ at, message: `${o.kind} ${o.name} binds ${kind} ${name}, which grants * on *` });
  },
});
