import { defineKubeRule } from '../../core/k8s/kube-rule.js';

const BROAD = ['system:anonymous', 'system:unauthenticated', 'system:authenticated', 'system:masters'];

export default defineKubeRule({
  meta: {
    id: 'k8s/binding-broad-group',
    title: 'Binding to anonymous, all authenticated users or system:masters',
    severity: 'critical',
    target: 'kubernetes',
    catalog: ['K66'],
    description: 'Binding a role to `system:anonymous`/`system:unauthenticated` opens it to the internet; `system:authenticated` to every identity (on managed clusters, every cloud account); `system:masters` bypasses RBAC altogether.',
    remediation: 'Bind to specific users, groups or service accounts.',
    references: ['trivy:KSV-0122', 'trivy:KSV-01011', 'trivy:KSV-0123', 'kubesec:BindingsToSystemAnonymous', 'kubescape:C-0262', 'kubescape:C-0265', 'kubescape:C-0246', 'datree:CIS_INVALID_VALUE_SYSTEM_MASTERS'],
    conditions: [
      { id: 'anonymous', when: 'system:anonymous or system:unauthenticated', references: ['trivy:KSV-0122', 'kubesec:BindingsToSystemAnonymous', 'kubescape:C-0262'] },
      { id: 'authenticated', when: 'system:authenticated', references: ['trivy:KSV-01011', 'kubescape:C-0265'] },
      { id: 'masters', when: 'system:masters', references: ['trivy:KSV-0123', 'kubescape:C-0246', 'datree:CIS_INVALID_VALUE_SYSTEM_MASTERS'] },
    ],
    fix: { available: false, note: 'The intended subjects are the owner\'s knowledge.' },
  },
  check(ctx) {
    const o = ctx.object;
    if (o.kind !== 'RoleBinding' && o.kind !== 'ClusterRoleBinding') return;
    for (const s of o.node.maps('subjects')) {
      const name = s.str('name') ?? '';
      if ((s.str('kind') === 'Group' || s.str('kind') === 'User') && BROAD.includes(name))
        ctx.report({ at: s.pairOf('name')!, condition: name === 'system:masters' ? 'masters' : name === 'system:authenticated' ? 'authenticated' : 'anonymous', message: `${o.kind} ${o.name} grants ${o.node.map('roleRef')?.str('name') ?? 'a role'} to ${name}` });
    }
  },
});
