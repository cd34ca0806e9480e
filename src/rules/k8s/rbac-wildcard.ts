import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { policyRules } from './rbac.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/rbac-wildcard',
    title: 'RBAC rule uses wildcards',
    severity: 'high',
    target: 'kubernetes',
    catalog: ['K54'],
    description: 'A `*` in verbs, resources or apiGroups grants everything that exists now and everything added later (new CRDs, subresources such as `pods/exec`). `*` on all three is cluster-admin.',
    remediation: 'List the exact verbs, resources and API groups the subject needs.',
    decisions: 'One finding per policy rule, at its first wildcard; KICS reports each wildcard field of the rule separately.',
    references: ['trivy:KSV-0044', 'trivy:KSV-0045', 'trivy:KSV-0046', 'trivy:KSV-0112', 'checkov:CKV_K8S_49', 'kube-linter:wildcard-in-rules', 'kubescape:C-0187', 'kics:6b896afb-ca07-467a-b256-1a0077a1c08e', 'datree:CIS_INVALID_WILDCARD_ROLE'],
    fix: { available: false, note: 'The needed permissions are the owner\'s knowledge.' },
  },
  check(ctx) {
    const o = ctx.object;
    for (const r of policyRules(o)) {
      const star = [...r.verbs, ...r.resources, ...r.apiGroups].filter((s) => String(s.value).trim() === '*').sort((a, b) => a.start - b.start);
      if (!star.length) continue;
      const all = ['verbs', 'resources', 'apiGroups'].every((k) => (r as unknown as Record<string, { value: unknown }[]>)[k].some((s) => String(s.value).trim() === '*'));
      const where = [r.verbs.some((s) => s.value === '*') && 'verbs', r.resources.some((s) => s.value === '*') && 'resources', r.apiGroups.some((s) => s.value === '*') && 'apiGroups'].filter(Boolean).join(', ');
      ctx.report({ at: star[0], message: all ? `${o.kind} ${o.name} grants every verb on every resource (equivalent to cluster-admin${o.kind === 'Role' ? ' in its namespace' : ''})` : `${o.kind} ${o.name} uses a wildcard in ${where}` });
    }
  },
});
