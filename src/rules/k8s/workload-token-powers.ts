import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { objectGraph, refText } from '../../core/graph/object-graph.js';
import { CLASS_PREFIX, entryRoute, grantClass, grantSeverity, powersText, routeText, tokenChain } from '../../core/graph/chains.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/workload-token-powers',
    title: 'Workload carries a ServiceAccount token with dangerous RBAC powers',
    severity: 'medium',
    target: 'kubernetes',
    catalog: ['K37'],
    description:
      'The pod mounts the token of a ServiceAccount that a RoleBinding or ClusterRoleBinding gives powers an attacker wants: take over the cluster or a namespace (every verb on every resource, escalate/bind/impersonate, create or change pods and workloads, nodes/proxy), read Secrets, or exec into pods. Whoever runs code in the pod (one remote-code-execution bug in the app) has those powers. When something outside the cluster reaches the pod, the whole chain is open: Internet → Service → pod → token → binding → role.',
    remediation:
      'Cut the cheapest link: narrow the role or bind it to a ServiceAccount of its own that only the pod needing it uses; set `automountServiceAccountToken: false` when the app never calls the Kubernetes API; put the workload behind an internal load balancer or a NetworkPolicy. riskgate does not cut the link itself: which one is right depends on what the app does.',
    decisions:
      'Severity follows the chain: critical for cluster takeover (high for Secrets cluster-wide or a namespace takeover) when the internet reaches the pod, medium (low) when nothing outside the cluster does. A role the scan does not hold is read as Kubernetes bootstraps it when it is built in (cluster-admin, admin, edit, view); any other is unknown and not reported. Kubescape C-0267 is cited only where its own condition holds: the ServiceAccount and the role are in the scan, the subject names the account with the namespace the ServiceAccount is written with, and the role lists pods (create, update, patch) or Secrets (get, list, watch) literally; Kubescape does not report built-in roles or groups.',
    references: ['kubescape:C-0267'],
    conditions: [
      { id: 'token-powers', when: 'the mounted token is given a dangerous power', references: [] },
      { id: 'kubescape-takeover', when: 'as Kubescape reads it: the ServiceAccount and role in the scan, pods or Secrets granted literally', references: ['kubescape:C-0267'] },
    ],
    fix: { available: false, note: 'The link to cut (role, binding, token, exposure) depends on what the app needs; the message names each.' },
  },
  check(ctx) {
    const w = objectGraph(ctx.index).workload(ctx.object);
    if (!w || !w.account.mounted) return;
    const route = entryRoute(w);
    for (const g of w.grants) {
      const c = grantClass(g);
      const reach = route ? `; the internet reaches it through ${routeText(route, w)}` : '';
      ctx.report({
        at: w.account.at,
        message: `${CLASS_PREFIX[c]}: its token (ServiceAccount ${w.account.name}, ${w.account.why}) can ${powersText(g)} through ${refText(g.binding)} → ${g.role.kind}/${g.role.name}${reach}`,
        severity: grantSeverity(c, route !== null),
        condition: g.kubescapeTakeover ? ['token-powers', 'kubescape-takeover'] : 'token-powers',
        steps: tokenChain(w, g),
      });
    }
  },
});
