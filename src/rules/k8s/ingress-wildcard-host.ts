import { defineKubeRule } from '../../core/k8s/kube-rule.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/ingress-wildcard-host',
    title: 'Ingress rule matches any host',
    severity: 'medium',
    target: 'kubernetes',
    catalog: ['K51'],
    description: 'A host of `*` makes the rule answer for every name that reaches the controller, so the backend is exposed under hosts nobody intended.',
    remediation: 'Name the exact host(s) the backend serves.',
    references: ['datree:INGRESS_INCORRECT_HOST_VALUE_PERMISSIVE'],
    fix: { available: false, note: 'The host name is the owner\'s choice.' },
  },
  check(ctx) {
    const o = ctx.object;
    if (o.kind !== 'Ingress') return;
    for (const r of o.node.map('spec')?.maps('rules') ?? []) {
      const h = r.pairOf('host');
      if (h && /^\*\.?$/.test(r.str('host') ?? '')) ctx.report({ at: h, message: `Ingress ${o.name} has a wildcard host "${r.str('host')}"` });
    }
  },
});
