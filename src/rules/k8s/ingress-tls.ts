import { defineKubeRule } from '../../core/k8s/kube-rule.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/ingress-tls',
    title: 'Ingress without TLS',
    severity: 'medium',
    target: 'kubernetes',
    catalog: ['K50'],
    description: 'An Ingress without `spec.tls` serves plain HTTP: credentials and session cookies cross the network in clear text.',
    remediation: 'Add a `spec.tls` entry with the hosts and a certificate Secret (cert-manager can issue it).',
    references: ['polaris:tlsSettingsMissing', 'kubescape:C-0263'],
    fix: { available: false, note: 'The certificate Secret must exist.' },
  },
  check(ctx) {
    const o = ctx.object;
    if (o.kind !== 'Ingress') return;
    const spec = o.node.map('spec');
    if (!spec) return;
    const tls = spec.get('tls');
    if (!tls || (tls.kind === 'seq' && tls.items.length === 0)) ctx.report({ at: spec.pair!, keyOnly: true, message: `Ingress ${o.name} has no TLS configuration` });
  },
});
