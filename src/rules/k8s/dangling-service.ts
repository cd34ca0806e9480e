import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { LabelSelector } from '../../core/k8s/cluster-index.js';
import { effectiveNamespace, type KubeObject } from '../../core/k8s/objects.js';
import { YScalar } from '../../core/yaml/ast.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/dangling-service',
    title: 'Service or Ingress points at nothing',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K53'],
    description: 'A Service whose selector matches no workload, or an Ingress whose backend Service does not exist, is a typo waiting to route traffic to whatever later matches it.',
    remediation: 'Fix the selector labels or the backend service name.',
    decisions:
      'Judged only when the scan contains workloads (for Services) or Services (for Ingresses) in the same namespace, to avoid kube-linter\'s false alarms on partial scans (kube-linter#179). A Service port whose targetPort no selected container declares is reported only when the selected containers declare ports at all (declaring them is optional). The two Kubescape controls are cited on both cases: which of them reads Services and which Ingresses was not verified.',
    references: ['kube-linter:dangling-service', 'kube-linter:dangling-ingress', 'kube-score:service-targets-pod', 'kube-score:ingress-targets-service', 'kubescape:C-0293', 'kubescape:C-0298', 'kics:3ca03a61-3249-4c16-8427-6f8e47dda729'],
    conditions: [
      { id: 'service-selector', when: 'a Service selects no workload', references: ['kube-linter:dangling-service', 'kube-score:service-targets-pod', 'kubescape:C-0293', 'kubescape:C-0298', 'kics:3ca03a61-3249-4c16-8427-6f8e47dda729'] },
      { id: 'target-port', when: 'a Service port targets a port no selected container declares', references: ['kics:3ca03a61-3249-4c16-8427-6f8e47dda729'] },
      { id: 'ingress-backend', when: 'an Ingress routes to a Service that is not there', references: ['kube-linter:dangling-ingress', 'kube-score:ingress-targets-service', 'kubescape:C-0293', 'kubescape:C-0298'] },
    ],
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
      const selected = ctx.index.podsMatching(ns, LabelSelector.fromSelector(selNode));
      if (selected.length === 0) {
        ctx.report({ at: selNode.pair!, condition: 'service-selector', message: `Service ${o.name} selects no workload in namespace ${ns}` });
        return;
      }
      // The ports the selected containers declare, by number and by name.
      const declared = selected.map(declaredPorts);
      if (!declared.some((d) => d.count)) return;
      const numbers = { has: (n: number) => declared.some((d) => d.numbers.has(n)) };
      const names = { has: (n: string) => declared.some((d) => d.names.has(n)) };
      for (const port of spec!.maps('ports')) {
        const target = port.pairOf('targetPort') ?? port.pairOf('port');
        const v = target?.value instanceof YScalar ? target.value.value : null;
        if (!target || v === null) continue;
        const found = typeof v === 'number' ? numbers.has(v) : /^\d+$/.test(String(v)) ? numbers.has(Number(v)) : names.has(String(v));
        if (!found) ctx.report({ at: target, condition: 'target-port', message: `Service ${o.name} sends port ${port.str('port') ?? ''} to ${typeof v === 'number' || /^\d+$/.test(String(v)) ? 'container port' : 'the port named'} ${v}, which no selected container declares` });
      }
    }
    if (o.kind === 'Ingress') {
      if (!ctx.index.inNamespace('Service', ns).length) return;
      for (const svc of ingressBackends(o.node)) {
        if (!ctx.index.find('Service', svc.name, ns)) ctx.report({ at: svc.at, condition: 'ingress-backend', message: `Ingress ${o.name} routes to Service ${svc.name}, which is not in namespace ${ns}` });
      }
    }
  },
});

/** A workload's declared container ports, computed once per object (many Services may select it). */
const portsOf = new WeakMap<KubeObject, { count: number; numbers: Set<number>; names: Set<string> }>();
function declaredPorts(w: KubeObject): { count: number; numbers: Set<number>; names: Set<string> } {
  let d = portsOf.get(w);
  if (!d) {
    const ports = (w.pod?.containers ?? []).flatMap((c) => c.node.maps('ports'));
    d = { count: ports.length, numbers: new Set(ports.map((p) => p.num('containerPort')).filter((n): n is number => n !== undefined)), names: new Set(ports.map((p) => p.str('name')).filter((n): n is string => n !== undefined)) };
    portsOf.set(w, d);
  }
  return d;
}

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
