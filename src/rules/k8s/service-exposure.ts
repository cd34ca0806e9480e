import { defineKubeRule } from '../../core/k8s/kube-rule.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/service-exposure',
    title: 'Service exposed outside the cluster',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K46'],
    description: 'A NodePort Service opens a port on every node; a LoadBalancer Service usually gets a public address. Either exposes the workload beyond the cluster, often without the TLS and authentication an Ingress adds.',
    remediation: 'Use `type: ClusterIP` behind an Ingress or Gateway, or restrict a LoadBalancer with `loadBalancerSourceRanges` / an internal-LB annotation.',
    decisions: 'kube-score, KICS and Datree flag NodePort only; kube-linter also LoadBalancer. riskgate flags both, except a LoadBalancer restricted by `loadBalancerSourceRanges` or an internal annotation.',
    params: { flagLoadBalancer: { type: 'boolean', default: true, description: 'Also report unrestricted LoadBalancer Services.' } },
    references: ['kube-linter:exposed-services', 'kube-score:service-type', 'kubescape:C-0256', 'kubescape:C-0266', 'kics:845acfbe-3e10-4b8e-b656-3b404d36dfb2', 'kics:26763a1c-5dda-4772-b507-5fca7fb5f165', 'kics:69bbc5e3-0818-4150-89cc-1e989b48f23b', 'datree:SERVICE_INCORRECT_TYPE_VALUE_NODEPORT'],
    fix: { available: false, note: 'Exposure is an architectural choice.' },
  },
  check(ctx) {
    const o = ctx.object;
    if (o.kind !== 'Service') return;
    const spec = o.node.map('spec');
    const t = spec?.str('type');
    const at = spec?.pairOf('type');
    if (!at) return;
    if (t === 'NodePort') ctx.report({ at, message: `Service ${o.name} is a NodePort: it listens on every node` });
    else if (t === 'LoadBalancer' && ctx.params.flagLoadBalancer) {
      const internal = Object.entries(o.annotations).some(([k, v]) => /internal|load-balancer-scheme/i.test(k) && /true|internal/i.test(v));
      if (!spec?.get('loadBalancerSourceRanges') && !internal) ctx.report({ at, message: `Service ${o.name} is an unrestricted LoadBalancer` });
    }
  },
});
