import { defineKubeRule } from '../../core/k8s/kube-rule.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/ingress-nginx-snippet',
    title: 'ingress-nginx snippet annotation',
    severity: 'high',
    target: 'kubernetes',
    catalog: ['K52'],
    description:
      'ingress-nginx `*-snippet` annotations inject raw NGINX configuration; anyone who can create an Ingress can read the controller\'s service-account token and every Secret it sees ' +
      '(CVE-2021-25742, CVE-2023-5044, CVE-2025-1974 "IngressNightmare"). Values of other annotations that break out of nginx.conf are k8s/ingress-nginx-annotation-injection.',
    remediation: 'Remove the snippet annotation and use the dedicated annotations; set `allow-snippet-annotations: "false"` in the controller ConfigMap.',
    references: ['checkov:CKV_K8S_152', 'checkov:CKV_K8S_153', 'checkov:CKV_K8S_154', 'kubescape:C-0059', 'datree:INGRESS_CVE2021_25742_INCORRECT_SERVER_SNIPPET_KEY'],
    fix: { available: false, note: 'The configuration must be expressed another way.' },
  },
  check(ctx) {
    const o = ctx.object;
    const ann = o.metadata?.map('annotations');
    if (o.kind === 'Ingress' && ann) {
      for (const p of ann.pairs) if (/^nginx\.(ingress\.kubernetes\.io|org)\/.*snippets?$/.test(p.keyText)) ctx.report({ at: p, message: `Ingress ${o.name} uses snippet annotation ${p.keyText}` });
    }
    if (o.kind === 'ConfigMap') {
      const p = o.node.map('data')?.pairOf('allow-snippet-annotations');
      if (p && /^true$/i.test(o.node.map('data')!.str('allow-snippet-annotations') ?? '')) ctx.report({ at: p, message: `ConfigMap ${o.name} allows ingress-nginx snippet annotations` });
    }
  },
});
