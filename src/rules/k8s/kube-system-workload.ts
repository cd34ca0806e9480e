import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { WORKLOAD_KINDS } from '../../core/k8s/objects.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/kube-system-workload',
    title: 'Workload in kube-system',
    severity: 'medium',
    target: 'kubernetes',
    catalog: ['K43'],
    description: 'kube-system holds the control plane\'s service accounts and secrets; a user workload there sits next to them and is often exempt from admission policies.',
    remediation: 'Deploy application workloads to their own namespace.',
    references: ['trivy:KSV-0037', 'kics:611ab018-c4aa-4ba2-b0f6-a448337509a6'],
    fix: { available: false, note: 'Moving namespaces is a deployment change.' },
  },
  check(ctx) {
    const o = ctx.object;
    if ((o.pod || WORKLOAD_KINDS.has(o.kind)) && o.namespace === 'kube-system') ctx.report({ at: o.metadata!.pairOf('namespace')!, message: `${o.kind} ${o.name} runs in kube-system` });
  },
});
