import { defineKubeRule } from '../../core/k8s/kube-rule.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/service-external-ips',
    title: 'Service sets externalIPs',
    severity: 'high',
    target: 'kubernetes',
    catalog: ['K47'],
    description: '`spec.externalIPs` lets a Service claim any IP address, intercepting traffic meant for other services or hosts (CVE-2020-8554).',
    remediation: 'Remove `externalIPs`; use a LoadBalancer or Ingress. Cluster admins should block the field with the DenyServiceExternalIPs admission plugin.',
    references: ['trivy:KSV-0108', 'checkov:CKV2_K8S_4', 'kubescape:C-0115'],
    fix: { available: false, note: 'Traffic routing must be redesigned.' },
  },
  check(ctx) {
    const o = ctx.object;
    if (o.kind !== 'Service') return;
    const p = o.node.map('spec')?.pairOf('externalIPs');
    if (p && p.value.kind === 'seq' && p.value.items.length) ctx.report({ at: p, message: `Service ${o.name} claims externalIPs (CVE-2020-8554)` });
  },
});
