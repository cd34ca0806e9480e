import { defineKubeRule } from '../../core/k8s/kube-rule.js';

/** The annotations whose values ingress-nginx wrote into nginx.conf unescaped (IngressNightmare). */
const KEYS: Record<string, string> = {
  'nginx.ingress.kubernetes.io/auth-url': 'CVE-2025-24514',
  'nginx.ingress.kubernetes.io/auth-tls-match-cn': 'CVE-2025-1097',
  'nginx.ingress.kubernetes.io/mirror-target': 'CVE-2025-1098',
  'nginx.ingress.kubernetes.io/mirror-host': 'CVE-2025-1098',
};
// Trivy KCV-0093's two patterns, applied to every one of the keys: a URL followed by a character
// that ends the directive (newline, quote, brace, pipe, backslash…), or a CN= with one.
const URL_BREAKOUT = /https?:\/\/[^\s<>"{}|^`\\\r\n]*[\r\n<>"{}|^`\\][^\s]*/;
const CN_BREAKOUT = /CN=.*[\r\n#{};|].*/;

export default defineKubeRule({
  meta: {
    id: 'k8s/ingress-nginx-annotation-injection',
    title: 'ingress-nginx annotation value breaks out of nginx.conf',
    severity: 'critical',
    target: 'kubernetes',
    catalog: ['K52'],
    description:
      'ingress-nginx copied the values of `auth-url` (CVE-2025-24514), `auth-tls-match-cn` (CVE-2025-1097), `mirror-target` and `mirror-host` (CVE-2025-1098) into nginx.conf. ' +
      'A value with a newline, a quote, a brace or a semicolon ends the directive and injects configuration: with CVE-2025-1974 ("IngressNightmare") that is code execution in the controller, ' +
      'which can read every Secret in the cluster. Anyone who can create an Ingress can do it.',
    remediation: 'Use a plain URL or CN value; upgrade ingress-nginx to 1.12.1 / 1.11.5 or later, which validate these annotations.',
    decisions:
      'Trivy KCV-0093 checks these four annotations with two patterns, on Ingresses whose `spec.ingressClassName` is `nginx`; riskgate uses the same patterns on every Ingress (the class may be set by the legacy `kubernetes.io/ingress.class` annotation or be the default), and cites KCV-0093 only where the class is `nginx`.',
    conditions: [
      { id: 'suspicious-value', when: 'one of the four annotations holds a value that breaks out of its nginx.conf directive', references: [] },
      { id: 'nginx-class', when: '… on an Ingress with `spec.ingressClassName: nginx` (Trivy\'s scope)', references: ['trivy:KCV-0093'] },
    ],
    references: ['trivy:KCV-0093'],
    fix: { available: false, note: 'The intended value is the author\'s.' },
  },
  check(ctx) {
    const o = ctx.object;
    if (o.kind !== 'Ingress') return;
    const ann = o.metadata?.map('annotations');
    if (!ann) return;
    const nginxClass = (o.node.map('spec')?.str('ingressClassName') ?? '').toLowerCase() === 'nginx';
    for (const p of ann.pairs) {
      const cve = KEYS[p.keyText];
      if (!cve) continue;
      const value = ann.str(p.keyText) ?? '';
      if (!URL_BREAKOUT.test(value) && !CN_BREAKOUT.test(value)) continue;
      ctx.report({
        at: p,
        condition: nginxClass ? ['suspicious-value', 'nginx-class'] : ['suspicious-value'],
        message: `Ingress ${o.name}: ${p.keyText} holds characters that break out of nginx.conf (${cve}): ${JSON.stringify(value.slice(0, 80))}`,
      });
    }
  },
});
