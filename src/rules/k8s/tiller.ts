import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { describeContainer, eachContainer } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/tiller',
    title: 'Helm v2 Tiller deployed',
    severity: 'high',
    target: 'kubernetes',
    catalog: ['K67'],
    description: 'Tiller (Helm v2, end-of-life since 2020) runs with cluster-admin and, by default, serves an unauthenticated gRPC port that anyone in the cluster can use to deploy anything.',
    remediation: 'Remove Tiller and migrate to Helm 3, which has no in-cluster component.',
    decisions: 'Tiller is recognised by its image (`…/tiller:<tag>`, or an image mentioning tiller in a workload labelled `app: helm` or `name: tiller`). Trivy KSV-0102 also fires on every container of a workload whose name contains "tiller" or that carries those labels, whatever it runs: a Deployment `app-run-tiller-middle` running mongo is reported by Trivy and not by riskgate, because nothing in it is Tiller.',
    conditions: [
      { id: 'deployed', when: 'a container runs the Tiller image', references: ['trivy:KSV-0102', 'checkov:CKV_K8S_34', 'kics:6d173be7-545a-46c6-a81d-2ae52ed1605d'] },
      { id: 'listens-in-cluster', when: '… without `--listen` on localhost or a loopback address, so every pod can reach it', references: ['checkov:CKV_K8S_45', 'kics:e17fa86a-6222-4584-a914-56e8f6c87e06'] },
      { id: 'service', when: 'a Service exposes Tiller', references: ['checkov:CKV_K8S_44', 'kics:8b862ca9-0fbd-4959-ad72-b6609bdaa22d'] },
    ],
    references: ['trivy:KSV-0102', 'checkov:CKV_K8S_34', 'checkov:CKV_K8S_44', 'checkov:CKV_K8S_45', 'kics:6d173be7-545a-46c6-a81d-2ae52ed1605d', 'kics:8b862ca9-0fbd-4959-ad72-b6609bdaa22d', 'kics:e17fa86a-6222-4584-a914-56e8f6c87e06'],
    fix: { available: false, note: 'Migration to Helm 3 is a project.' },
  },
  check(ctx) {
    const o = ctx.object;
    const labelled = o.pod && (o.labels.name === 'tiller' || o.labels.app === 'helm');
    eachContainer(ctx, (c) => {
      if (!(c.image && (/(^|\/)tiller[^/]*(:|@|$)/.test(c.image) || (labelled && /tiller/.test(c.image))))) return;
      const args = [...(c.node.seq('args')?.strings() ?? []), ...(c.node.seq('command')?.strings() ?? [])];
      const loopback = args.some((a) => /^--listen=(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?)(:|$)/.test(a));
      ctx.report({ at: c.node.pairOf('image')!, container: c, condition: loopback ? ['deployed'] : ['deployed', 'listens-in-cluster'], message: `${describeContainer(c)} runs Helm v2 Tiller (${c.image})${loopback ? '' : ', listening for every pod in the cluster'}` });
    });
    if (o.kind === 'Service' && (o.name === 'tiller-deploy' || o.labels.name === 'tiller' || o.node.map('spec')?.map('selector')?.str('name') === 'tiller'))
      ctx.report({ at: o.metadata?.pairOf('name') ?? o.node.pairOf('kind')!, condition: 'service', message: `Service ${o.name} exposes Helm v2 Tiller` });
  },
});
