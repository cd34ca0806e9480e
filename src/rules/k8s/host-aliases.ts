import { defineKubeRule } from '../../core/k8s/kube-rule.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/host-aliases',
    title: 'hostAliases overrides name resolution',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K69'],
    description: '`hostAliases` writes entries into the pod\'s /etc/hosts, silently redirecting names the application trusts; it is also used to hide exfiltration destinations.',
    remediation: 'Use DNS (a Service, ExternalName or CoreDNS configuration) instead of hostAliases.',
    decisions: 'KICS flags the opposite ("Host Aliases Undefined Or Empty"); riskgate follows Trivy (KSV-0007) and kubesec, for which setting them is the risk.',
    references: ['trivy:KSV-0007', 'kubesec:HostAliases'],
    fix: { available: false, note: 'Name resolution must move to DNS.' },
  },
  check(ctx) {
    const p = ctx.object.pod?.spec.pairOf('hostAliases');
    if (p && p.value.kind === 'seq' && p.value.items.length) ctx.report({ at: p, keyOnly: true, message: 'pod overrides /etc/hosts with hostAliases' });
  },
});
