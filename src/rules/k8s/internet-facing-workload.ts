import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { objectGraph, type RouteKind } from '../../core/graph/object-graph.js';
import { entryRoute, routeText, workloadStep } from '../../core/graph/chains.js';

/** What to change on the first object of each kind of route to close it. */
const CUT: Record<RouteKind, string> = {
  LoadBalancer: 'make it internal (an internal load-balancer annotation or loadBalancerSourceRanges), or ClusterIP, or add a NetworkPolicy',
  NodePort: 'make it ClusterIP, or add a NetworkPolicy',
  externalIPs: 'remove externalIPs, or add a NetworkPolicy',
  Ingress: 'remove this backend, or add a NetworkPolicy that admits only the ingress controller',
  HTTPRoute: 'remove this backendRef, or add a NetworkPolicy that admits only the gateway',
  hostPort: 'remove the hostPort',
};

export default defineKubeRule({
  meta: {
    id: 'k8s/internet-facing-workload',
    title: 'Workload reachable from outside the cluster',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K46'],
    description:
      'A Service of type LoadBalancer (not internal, no source ranges), a NodePort, externalIPs, an Ingress or a Gateway route reaches the pod, and no NetworkPolicy limits where its traffic comes from. Being reachable is the purpose of a web app, so this is not a problem alone; it is the entry of every attack path through the pod (MITRE T1190, Exploit Public-Facing Application), and the risk score weighs what the pod can do once entered.',
    remediation: 'If the workload need not face the internet, use an internal load balancer (or ClusterIP) and a NetworkPolicy that allows only the sources it serves; otherwise keep the pod hardened and its token powerless.',
    decisions:
      'A LoadBalancer with an internal annotation (AWS, Azure, GCP, Oracle, IBM, Alibaba) or with source ranges other than 0.0.0.0/0 is not counted, nor a route to a pod whose NetworkPolicies admit only pods or named ranges. Kubescape C-0256 is cited only where its own condition holds: a NodePort or LoadBalancer Service in the workload\'s namespace selecting it, or an Ingress with a rules backend to a Service of another type, both written with the same namespace. Kubescape also reports internal and source-restricted load balancers, which riskgate does not.',
    references: ['kubescape:C-0256'],
    conditions: [
      { id: 'reachable', when: 'a route from outside the cluster reaches the pod', references: [] },
      { id: 'kubescape-external', when: 'as Kubescape reads it: a NodePort or LoadBalancer Service, or an Ingress in the same namespace', references: ['kubescape:C-0256'] },
    ],
    fix: { available: false, note: 'Whether a workload should face the internet is a design decision.' },
  },
  check(ctx) {
    const w = objectGraph(ctx.index).workload(ctx.object);
    const route = w && entryRoute(w);
    if (!w || !route) return;
    const others = w.routes.length - 1;
    // The pod labels the Service selects; a host port is its own place.
    const labels = route.how === 'hostPort' ? undefined : ctx.object.pod?.metadata?.pairOf('labels');
    const at = labels ?? (route.how === 'hostPort' ? route.steps[1].at : null) ?? w.account.at;
    ctx.report({
      at,
      keyOnly: labels !== undefined,
      message: `reachable from the internet through ${routeText(route, w)}${others > 0 ? ` (and ${others} other route${others > 1 ? 's' : ''})` : ''}`,
      condition: w.routes.some((r) => r.kubescape) ? ['reachable', 'kubescape-external'] : 'reachable',
      steps: [...route.steps.filter((s) => s.object !== w.object).map((s, i) => (i === 1 ? { ...s, cut: CUT[route.how] } : s)), workloadStep(w)],
    });
  },
});
