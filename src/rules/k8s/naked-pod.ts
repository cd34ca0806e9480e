import { defineKubeRule } from '../../core/k8s/kube-rule.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/naked-pod',
    title: 'Pod without a controller',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K71'],
    description: 'A bare Pod is not recreated when its node fails and cannot be rolled out or rolled back; security fixes to its spec need a manual delete and re-create.',
    remediation: 'Run it from a Deployment, StatefulSet, DaemonSet or Job.',
    references: ['kubescape:C-0073', 'datree:K8S_INCORRECT_KIND_VALUE_POD'],
    fix: { available: false, note: 'Choosing a controller is a design decision.' },
  },
  check(ctx) {
    const o = ctx.object;
    if (o.kind === 'Pod' && !o.metadata?.get('ownerReferences')) ctx.report({ at: o.node.pairOf('kind')!, message: `Pod ${o.name} is not managed by a controller` });
  },
});
