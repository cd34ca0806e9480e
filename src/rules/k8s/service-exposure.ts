import { defineKubeRule } from '../../core/k8s/kube-rule.js';

/** The annotations that make a cloud provider's load balancer internal, and the values that do it. */
const INTERNAL_LB: Record<string, RegExp> = {
  'networking.gke.io/load-balancer-type': /^internal$/i,
  'cloud.google.com/load-balancer-type': /^internal$/i,
  'service.beta.kubernetes.io/aws-load-balancer-internal': /^(true|0\.0\.0\.0\/0)$/i,
  'service.beta.kubernetes.io/aws-load-balancer-scheme': /^internal$/i,
  'service.beta.kubernetes.io/azure-load-balancer-internal': /^true$/i,
  'service.beta.kubernetes.io/oci-load-balancer-internal': /^true$/i,
  'service.beta.kubernetes.io/openstack-internal-load-balancer': /^true$/i,
  'service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type': /^private$/i,
  'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type': /^intranet$/i,
};

export default defineKubeRule({
  meta: {
    id: 'k8s/service-exposure',
    title: 'Service exposed outside the cluster',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K46'],
    description: 'A NodePort Service opens a port on every node; a LoadBalancer Service usually gets a public address. Either exposes the workload beyond the cluster, often without the TLS and authentication an Ingress adds.',
    remediation: 'Use `type: ClusterIP` behind an Ingress or Gateway, or restrict a LoadBalancer with `loadBalancerSourceRanges` / an internal-LB annotation.',
    decisions:
      'kube-score, KICS and Datree flag NodePort only; kube-linter also LoadBalancer. riskgate flags both, except a LoadBalancer restricted by `loadBalancerSourceRanges` or an internal load-balancer annotation (GKE, AWS, Azure, OCI, OpenStack, IBM, Alibaba; the annotation and its value must be the provider\'s own). Each finding cites the peers of its own case. KICS\'s "Ingress Controller Exposes Workload" is not cited: it flags a ClusterIP Service because an Ingress routes to it, which this rule does not report.',
    params: { flagLoadBalancer: { type: 'boolean', default: true, description: 'Also report unrestricted LoadBalancer Services.' } },
    references: ['kube-linter:exposed-services', 'kube-score:service-type', 'kubescape:C-0256', 'kubescape:C-0266', 'kics:845acfbe-3e10-4b8e-b656-3b404d36dfb2', 'kics:26763a1c-5dda-4772-b507-5fca7fb5f165', 'datree:SERVICE_INCORRECT_TYPE_VALUE_NODEPORT'],
    conditions: [
      {
        id: 'nodeport',
        when: 'type: NodePort',
        references: ['kube-linter:exposed-services', 'kube-score:service-type', 'kubescape:C-0256', 'kubescape:C-0266', 'kics:845acfbe-3e10-4b8e-b656-3b404d36dfb2', 'datree:SERVICE_INCORRECT_TYPE_VALUE_NODEPORT'],
      },
      {
        id: 'loadbalancer',
        when: 'type: LoadBalancer without loadBalancerSourceRanges or an internal load-balancer annotation',
        references: ['kube-linter:exposed-services', 'kubescape:C-0256', 'kubescape:C-0266', 'kics:26763a1c-5dda-4772-b507-5fca7fb5f165'],
      },
    ],
    fix: { available: false, note: 'Exposure is an architectural choice.' },
  },
  check(ctx) {
    const o = ctx.object;
    if (o.kind !== 'Service') return;
    const spec = o.node.map('spec');
    const t = spec?.str('type');
    const at = spec?.pairOf('type');
    if (!at) return;
    if (t === 'NodePort') ctx.report({ at, condition: 'nodeport', message: `Service ${o.name} is a NodePort: it listens on every node` });
    else if (t === 'LoadBalancer' && ctx.params.flagLoadBalancer) {
      const internal = Object.entries(o.annotations).some(([k, v]) => INTERNAL_LB[k]?.test(v.trim()));
      if (!spec?.get('loadBalancerSourceRanges') && !internal) ctx.report({ at, condition: 'loadbalancer', message: `Service ${o.name} is an unrestricted LoadBalancer (no loadBalancerSourceRanges, no internal load-balancer annotation)` });
    }
  },
});
