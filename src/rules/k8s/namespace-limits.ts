import { defineKubeRule } from '../../core/k8s/kube-rule.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/namespace-limits',
    title: 'Namespace without LimitRange or ResourceQuota',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K36'],
    description: 'A namespace without a LimitRange gives containers no default limits; without a ResourceQuota one team can consume the cluster.',
    remediation: 'Add a LimitRange and a ResourceQuota to the namespace.',
    decisions: 'Checked for Namespace objects in the scan, against LimitRanges and ResourceQuotas in the same scan, so a partial scan of workloads alone does not fire.',
    references: ['trivy:KSV-0039', 'trivy:KSV-0040', 'kics:4a20ebac-1060-4c81-95d1-1f7f620e983b', 'kics:48a5beba-e4c0-4584-a2aa-e6894e4cf424'],
    fix: { available: false, note: 'Quotas depend on capacity planning.' },
  },
  check(ctx) {
    const o = ctx.object;
    if (o.kind !== 'Namespace' || !o.metadata) return;
    const inNs = (kind: string) => ctx.index.ofKind(kind).some((x) => x.namespace === o.name);
    const missing = ['LimitRange', 'ResourceQuota'].filter((k) => !inNs(k));
    if (missing.length) ctx.report({ at: o.metadata.pairOf('name') ?? o.metadata.pair!, message: `namespace ${o.name} has no ${missing.join(' or ')}` });
  },
});
