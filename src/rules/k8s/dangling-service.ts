import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { LabelSelector } from '../../core/k8s/cluster-index.js';
import { effectiveNamespace } from '../../core/k8s/objects.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/dangling-service',
    title: 'Service or Ingress points at nothing',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K53'],
    description: 'A Service whose selector matches no workload, or an Ingress whose backend Service does not exist, is a typo waiting to route traffic to whatever later matches it.',
    remediation: 'Fix the selector labels or the backend service name.',
    decisions: 'Judged only when the scan contains workloads (for Services) or Services (for Ingresses) in the same namespace, to avoid kube-linter\'s false alarms on partial scans (kube-linter#179).',
    references: ['kube-linter:dangling-service', 'kube-linter:dangling-ingress', 'kube-score:service-targets-pod', 'kube-score:ingress-targets-service', 'kubescape:C-0293', 'kubescape:C-0298', 'kics:3ca03a61-3249-4c16-8427-6f8e47dda729'],
    fix: { available: false, note: 'The intended target is the owner\'s knowledge.' },
  },
  check(ctx) {
    const o = ctx.object;
    const ns = effectiveNamespace(o);
    if (o.kind === 'Service') {
      const spec = o.node.map('spec');
      const selNode = spec?.map('selector');
      if (!selNode || selNode.pairs.length === 0 || spec?.str('type') === 'ExternalName') return;
      if (!ctx.index.hasWorkloadsIn(ns)) return;
      if (ctx.index.podsMatching(ns, LabelSelector.fromSelector(selNode)).length === 0) ctx.report({ at: selNode.pair!, message: `Service ${o.name} selects no workload in namespace ${ns}` });
    }
    if (o.kind === 'Ingress') {
      if (!ctx.index.ofKind('Service').some((s) => effectiveNamespace(s) === ns)) return;
      for (const svc of ingressBackends(o.node)) {
        if (!ctx.index.find('Service', svc.name, ns)) ctx.report({ at: svc.at, message: `Ingress ${o.name} routes to Service ${svc.name}, which is not in namespace ${ns}` });
      }
    }
  },
});

function ingressBackends(node: import('../../core/yaml/ast.js').YMap) {
  const out: { name: string; at: import('../../core/yaml/ast.js').YPair }[] = [];
  const visit = (backend: import('../../core/yaml/ast.js').YMap | undefined) => {
    const svc = backend?.map('service');
    const p = svc?.pairOf('name') ?? backend?.pairOf('serviceName');
    const name = svc?.str('name') ?? backend?.str('serviceName');
    if (p && name) out.push({ name, at: p });
  };
  const spec = node.map('spec');
  visit(spec?.map('defaultBackend') ?? spec?.map('backend'));
  for (const r of spec?.maps('rules') ?? []) for (const path of r.map('http')?.maps('paths') ?? []) visit(path.map('backend'));
  return out;
}
