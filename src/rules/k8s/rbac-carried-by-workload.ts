import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { objectGraph, refText, type TokenGrant, type WorkloadFacts } from '../../core/graph/object-graph.js';
import { entryRoute, grantClass, tokenChain } from '../../core/graph/chains.js';
import { TAKEOVER_POWERS } from '../../core/graph/rbac-powers.js';
import { sameObject, type KubeObject } from '../../core/k8s/objects.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/rbac-carried-by-workload',
    title: 'RBAC powers carried by a running workload\'s token',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K37'],
    description:
      'A binding (or the role it binds) gives dangerous powers to a ServiceAccount whose token a workload in the scan mounts. The powers are then one code-execution bug in that workload away, and further when the internet reaches it: this names which workloads carry the grant and how exposed they are.',
    remediation: 'Bind the role only to a ServiceAccount of its own, used by the workload that needs it; keep that workload off the internet and its token unmounted where the API is not needed.',
    decisions: 'High when a workload that carries a takeover power (every verb, escalate/bind/impersonate, pods or workloads, nodes/proxy) cluster-wide faces the internet, medium for other dangerous powers that face it, low otherwise. Only the graph of the scan is known: in the action, the whole checkout.',
    references: [],
    fix: { available: false, note: 'Which binding to narrow is a design decision.' },
  },
  check(ctx) {
    const o = ctx.object;
    const graph = objectGraph(ctx.index);
    let bindings: KubeObject[] = [];
    if (o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') bindings = [o];
    else if (o.kind === 'ClusterRole') bindings = [...ctx.index.bindingsTo('ClusterRoleBinding', 'ClusterRole', o.name), ...ctx.index.bindingsTo('RoleBinding', 'ClusterRole', o.name)];
    else if (o.kind === 'Role') bindings = ctx.index.bindingsTo('RoleBinding', 'Role', o.name).filter((b) => (b.namespace ?? 'default') === (o.namespace ?? 'default'));
    else return;
    const carriers: { workload: WorkloadFacts; grant: TokenGrant }[] = bindings.flatMap((b) => graph.carriersOf(b));
    if (!carriers.length) return;
    const exposed = carriers.filter((c) => entryRoute(c.workload));
    const lead = exposed[0] ?? carriers[0];
    const names = [...new Set(carriers.map((c) => refText(c.workload.object)))];
    const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
    const takeover = exposed.some((c) => c.grant.scope === 'cluster' && c.grant.powers.some((p) => TAKEOVER_POWERS.has(p)));
    const own = sameObject(o, lead.grant.binding);
    const at = own ? lead.grant.subject : (o.node.pairOf('rules') ?? o.node.pairOf('kind')!);
    const via = own ? '' : ` through ${refText(lead.grant.binding)}`;
    ctx.report({
      at,
      message: exposed.length
        ? `carried by the mounted token of ${shown}${via}, which the internet reaches (${grantClass(lead.grant)})`
        : `carried by the mounted token of ${shown}${via} (not reached from outside the cluster in this scan)`,
      severity: takeover ? 'high' : exposed.length ? 'medium' : 'low',
      steps: tokenChain(lead.workload, lead.grant),
    });
  },
});
