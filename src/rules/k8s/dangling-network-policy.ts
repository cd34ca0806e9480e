import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { LabelSelector } from '../../core/k8s/cluster-index.js';
import { effectiveNamespace } from '../../core/k8s/objects.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/dangling-network-policy',
    title: 'NetworkPolicy selects no pod',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K45'],
    description: 'A NetworkPolicy whose podSelector matches no workload protects nothing, usually because of a label typo, and gives a false sense of isolation.',
    remediation: 'Fix the `podSelector` labels to match the workload\'s pod template labels.',
    decisions: 'Judged only when the scan contains workloads in the policy\'s namespace, so scanning a policy on its own does not fire (kube-linter reports it then too; riskgate does not, since the workloads may live in another repository or chart). An empty podSelector selects every pod and is fine. Only the policy\'s own podSelector is judged, so kube-linter\'s dangling-networkpolicypeer-podselector (a peer selector that matches nothing) is not cited. Nor is Trivy KSV-0038, which fires on a policy that writes no selector at all: Kubernetes reads a missing podSelector as `{}` (every pod in the namespace), a policy that selects, not one that selects nothing.',
    references: ['kube-score:networkpolicy-targets-pod', 'kube-linter:dangling-networkpolicy', 'kubescape:C-0299', 'kics:85ab1c5b-014e-4352-b5f8-d7dea3bb4fd3'],
    fix: { available: false, note: 'The intended labels are the owner\'s knowledge.' },
  },
  check(ctx) {
    const o = ctx.object;
    if (o.kind !== 'NetworkPolicy') return;
    const spec = o.node.map('spec');
    const selNode = spec?.map('podSelector');
    const sel = LabelSelector.fromSelector(selNode);
    const ns = effectiveNamespace(o);
    if (sel.empty || !ctx.index.hasWorkloadsIn(ns)) return;
    if (ctx.index.podsMatching(ns, sel).length === 0) ctx.report({ at: selNode!.pair!, message: `NetworkPolicy ${o.name} selects no workload in namespace ${ns}` });
  },
});
