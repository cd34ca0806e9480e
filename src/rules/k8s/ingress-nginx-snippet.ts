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
    decisions: 'Each finding cites the checks of its own case: Checkov CKV_K8S_153 any snippet annotation, CKV_K8S_152 one whose value runs Lua, CKV_K8S_154 one whose value uses `alias`; Datree the server-snippet key; Kubescape C-0059 the controller ConfigMap that allows snippets.',
    conditions: [
      { id: 'snippet', when: 'an Ingress has a snippet annotation', references: ['checkov:CKV_K8S_153'] },
      { id: 'snippet-lua', when: 'the snippet runs Lua code', references: ['checkov:CKV_K8S_152'] },
      { id: 'snippet-alias', when: 'the snippet uses alias', references: ['checkov:CKV_K8S_154'] },
      { id: 'server-snippet', when: 'the annotation is server-snippet', references: ['datree:INGRESS_CVE2021_25742_INCORRECT_SERVER_SNIPPET_KEY'] },
      { id: 'configmap', when: 'the controller ConfigMap sets allow-snippet-annotations: "true"', references: ['kubescape:C-0059'] },
    ],
    fix: { available: false, note: 'The configuration must be expressed another way.' },
  },
  check(ctx) {
    const o = ctx.object;
    const ann = o.metadata?.map('annotations');
    if (o.kind === 'Ingress' && ann) {
      for (const p of ann.pairs) {
        if (!/^nginx\.(ingress\.kubernetes\.io|org)\/.*snippets?$/.test(p.keyText)) continue;
        const value = o.annotations[p.keyText] ?? '';
        const condition = [
          'snippet',
          ...(/lua/i.test(value) ? ['snippet-lua'] : []),
          ...(/\balias\b/.test(value) ? ['snippet-alias'] : []),
          ...(/\/server-snippets?$/.test(p.keyText) ? ['server-snippet'] : []),
        ];
        ctx.report({ at: p, condition, message: `Ingress ${o.name} uses snippet annotation ${p.keyText}` });
      }
    }
    if (o.kind === 'ConfigMap') {
      const p = o.node.map('data')?.pairOf('allow-snippet-annotations');
      if (p && /^true$/i.test(o.node.map('data')!.str('allow-snippet-annotations') ?? '')) ctx.report({ at: p, condition: 'configmap', message: `ConfigMap ${o.name} allows ingress-nginx snippet annotations` });
    }
  },
});
