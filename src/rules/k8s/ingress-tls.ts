import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import type { YMap } from '../../core/yaml/ast.js';

/** Annotations by which a cloud load balancer terminates TLS for the Ingress (each documented by its controller). */
const PLATFORM_CERTIFICATE = ['networking.gke.io/managed-certificates', 'ingress.gcp.kubernetes.io/pre-shared-cert', 'appgw.ingress.kubernetes.io/appgw-ssl-certificate'];

function platformTerminatesTls(annotations: YMap | undefined): boolean {
  if (!annotations) return false;
  const set = (key: string) => (annotations.str(key) ?? '').trim() !== '';
  if (PLATFORM_CERTIFICATE.some(set)) return true;
  if (!set('alb.ingress.kubernetes.io/certificate-arn')) return false;
  // With a certificate the controller's default listener is HTTPS:443; explicit listen-ports must name HTTPS.
  const ports = annotations.str('alb.ingress.kubernetes.io/listen-ports');
  return ports === undefined || /"?HTTPS"?\s*:/i.test(ports);
}

export default defineKubeRule({
  meta: {
    id: 'k8s/ingress-tls',
    title: 'Ingress without TLS',
    severity: 'medium',
    target: 'kubernetes',
    catalog: ['K50'],
    description: 'An Ingress without `spec.tls` serves plain HTTP: credentials and session cookies cross the network in clear text.',
    remediation: 'Add a `spec.tls` entry with the hosts and a certificate Secret (cert-manager can issue it).',
    decisions:
      'TLS terminated by the platform\'s load balancer counts as TLS: GKE managed or pre-shared certificates (`networking.gke.io/managed-certificates`, `ingress.gcp.kubernetes.io/pre-shared-cert`), ' +
      'the AWS Load Balancer Controller\'s `alb.ingress.kubernetes.io/certificate-arn` (its listener is HTTPS unless `listen-ports` names only HTTP), and Azure Application Gateway\'s `appgw.ingress.kubernetes.io/appgw-ssl-certificate`. ' +
      'Polaris and Kubescape read only `spec.tls`; an engineer reviewing such an Ingress dismisses the finding, so riskgate does not report it.',
    references: ['polaris:tlsSettingsMissing', 'kubescape:C-0263'],
    fix: { available: false, note: 'The certificate Secret must exist.' },
  },
  check(ctx) {
    const o = ctx.object;
    if (o.kind !== 'Ingress') return;
    const spec = o.node.map('spec');
    if (!spec) return;
    if (platformTerminatesTls(o.metadata?.map('annotations'))) return;
    const tls = spec.get('tls');
    if (!tls || (tls.kind === 'seq' && tls.items.length === 0)) ctx.report({ at: spec.pair!, keyOnly: true, message: `Ingress ${o.name} has no TLS configuration` });
  },
});
