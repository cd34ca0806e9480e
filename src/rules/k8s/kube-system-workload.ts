import { defineKubeRule } from '../../core/k8s/kube-rule.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/kube-system-workload',
    title: 'Workload in kube-system',
    severity: 'medium',
    target: 'kubernetes',
    catalog: ['K43'],
    description: 'kube-system holds the control plane\'s service accounts and secrets; a user workload there sits next to them and is often exempt from admission policies.',
    remediation: 'Deploy application workloads to their own namespace.',
    references: ['trivy:KSV-0037'],
    fix: { available: false, note: 'Moving namespaces is a deployment change.' },
  },
  check(ctx) {
    const o = ctx.object;
    if (o.pod && o.namespace === 'kube-system') ctx.report({ at: o.metadata!.pairOf('namespace')!, message: `${o.kind} ${o.name} runs in kube-system` });
  },
});
