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
    decisions:
      'Checked for Namespace objects in the scan, against LimitRanges and ResourceQuotas in the same scan, so a partial scan of workloads alone does not fire; a missing LimitRange and a missing ResourceQuota are separate findings. KICS\'s "Pod or container without LimitRange/ResourceQuota" (4a20ebac, 48a5beba) are not cited: they report every workload of such a namespace, which riskgate does not (one finding on the namespace says it once).',
    references: ['trivy:KSV-0039', 'trivy:KSV-0040'],
    conditions: [
      { id: 'limitrange', when: 'no LimitRange in the namespace', references: ['trivy:KSV-0039'] },
      { id: 'resourcequota', when: 'no ResourceQuota in the namespace', references: ['trivy:KSV-0040'] },
    ],
    fix: { available: false, note: 'Quotas depend on capacity planning.' },
  },
  check(ctx) {
    const o = ctx.object;
    if (o.kind !== 'Namespace' || !o.metadata) return;
    const inNs = (kind: string) => ctx.index.ofKind(kind).some((x) => x.namespace === o.name);
    for (const [kind, condition] of [['LimitRange', 'limitrange'], ['ResourceQuota', 'resourcequota']] as const)
      if (!inNs(kind)) ctx.report({ at: o.metadata.pairOf('name') ?? o.metadata.pair!, condition, message: `namespace ${o.name} has no ${kind} (scan it with the namespace, or add one)` });
  },
});
