import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { LabelSelector, podLabels } from '../../core/k8s/cluster-index.js';
import { effectiveNamespace } from '../../core/k8s/objects.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/non-isolated-pod',
    title: 'Workload not selected by any NetworkPolicy',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K44'],
    enabledByDefault: false,
    description: 'Without a NetworkPolicy that selects it, a pod accepts traffic from every pod in the cluster and can reach every other: one compromised pod reaches them all.',
    remediation: 'Add a NetworkPolicy (a default-deny for the namespace plus explicit allows) that selects the workload\'s pods.',
    decisions: 'Only NetworkPolicies in the same scan are known, so a scan of one changed file would always fire; the rule is off by default and meant for scans of a whole environment. KICS\'s "Pod misconfigured network policy" (0401f71b) is not cited: it reports a Pod that a NetworkPolicy does select, when that policy lists `policyTypes` without Ingress or Egress (which the API server defaults to Ingress), a different condition.',
    references: ['kube-linter:non-isolated-pod', 'kube-score:pod-networkpolicy', 'polaris:missingNetworkPolicy', 'kubescape:C-0260', 'kubescape:C-0030', 'kubescape:C-0206', 'checkov:CKV2_K8S_6'],
    fix: { available: false, note: 'Traffic rules are application-specific.' },
  },
  check(ctx) {
    const o = ctx.object;
    if (!o.pod || o.kind === 'PodTemplate') return;
    const ns = effectiveNamespace(o);
    const labels = podLabels(o);
    const isolated = ctx.index.inNamespace('NetworkPolicy', ns).some((np) => LabelSelector.fromSelector(np.node.map('spec')?.map('podSelector')).matches(labels));
    if (!isolated) ctx.report({ at: o.metadata?.pairOf('name') ?? o.node.pairOf('kind')!, message: `${o.kind} ${o.name}: no NetworkPolicy selects its pods` });
  },
});
