import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { describeContainer, eachContainer } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/kubernetes-dashboard',
    title: 'Kubernetes Dashboard deployed',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K68'],
    description: 'The Kubernetes Dashboard is a web UI with the permissions of its service account; exposed or over-privileged dashboards are a classic way into clusters (the Tesla cryptojacking incident).',
    remediation: 'Do not deploy it, or keep it internal behind authentication with a read-only service account.',
    references: ['checkov:CKV_K8S_33', 'kubescape:C-0014', 'kics:d2ad057f-0928-41ef-a83c-f59203bb855b'],
    fix: { available: false, note: 'Removing a tool is the owner\'s call.' },
  },
  check(ctx) {
    const o = ctx.object;
    if (o.pod && /kubernetes-dashboard/.test(`${o.labels.app ?? ''} ${o.labels['k8s-app'] ?? ''} ${o.labels['app.kubernetes.io/name'] ?? ''}`)) {
      ctx.report({ at: o.metadata?.pairOf('labels') ?? o.node.pairOf('kind')!, keyOnly: true, message: `${o.kind} ${o.name} deploys the Kubernetes Dashboard` });
      return;
    }
    eachContainer(ctx, (c) => {
      if (c.image && /kubernetes-?dashboard|\/dashboard(:|@|$)/.test(c.image)) ctx.report({ at: c.node.pairOf('image')!, container: c, message: `${describeContainer(c)} runs the Kubernetes Dashboard (${c.image})` });
    });
  },
});
