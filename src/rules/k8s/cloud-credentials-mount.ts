import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { hostPathVolumes, normalizePath } from './helpers.js';

const CREDENTIAL_PATHS = [
  /\/\.aws(\/|$)/, /\/\.azure(\/|$)/, /\/\.config\/gcloud(\/|$)/, /\/\.kube(\/|$)/, /^\/etc\/kubernetes\/(azure\.json|cloud\.conf|cloud-config|admin\.conf|kubelet\.conf|pki)(\/|$)/,
  /^\/var\/lib\/kubelet\/(kubeconfig|pki)(\/|$)/, /^\/etc\/gcp(\/|$)/, /^\/etc\/kubernetes$/,
];

export default defineKubeRule({
  meta: {
    id: 'k8s/cloud-credentials-mount',
    title: 'Cloud or cluster credentials mounted from the host',
    severity: 'high',
    target: 'kubernetes',
    catalog: ['K30'],
    description: 'Host files such as `/etc/kubernetes/azure.json`, `~/.aws`, `~/.config/gcloud` or the kubelet\'s kubeconfig hold credentials for the cloud account or the cluster; a pod that mounts them can use them.',
    remediation: 'Use workload identity (IRSA, GKE/Azure Workload Identity) instead of node credentials.',
    references: ['kubescape:C-0020'],
    fix: { available: false, note: 'Credentials need a different delivery mechanism.' },
  },
  check(ctx) {
    const pod = ctx.object.pod;
    if (!pod) return;
    for (const v of hostPathVolumes(pod)) {
      if (!v.path || typeof v.path.value !== 'string') continue;
      const p = normalizePath(v.path.value);
      if (CREDENTIAL_PATHS.some((re) => re.test(p))) ctx.report({ at: v.path.pair ?? v.path, message: `volume "${v.name}" mounts credentials from host path ${p}` });
    }
  },
});
