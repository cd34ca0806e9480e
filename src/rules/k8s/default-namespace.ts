import { defineKubeRule, ownerOf } from '../../core/k8s/kube-rule.js';
import { isClusterScoped, WORKLOAD_KINDS } from '../../core/k8s/objects.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/default-namespace',
    title: 'Object in the default namespace',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K42'],
    description: 'The `default` namespace has no isolation of its own: everything there shares RBAC, quotas and network policy, and it is where mistakes land. `kube-public` is readable by all users, authenticated or not.',
    remediation: 'Set `metadata.namespace` to a dedicated namespace.',
    decisions:
      'An object without a namespace lands in whatever namespace `kubectl -n` names, often `default`; Checkov and Kubescape report it, and so does riskgate unless `flagMissingNamespace: false`. The `default` ServiceAccount and the `kubernetes` Service are the default namespace\'s own objects (Checkov exempts them too) and are not reported. kube-public cites only KICS, the one peer that checks it.',
    params: { flagMissingNamespace: { type: 'boolean', default: true, description: 'Report objects with no metadata.namespace.' } },
    references: ['trivy:KSV-0110', 'checkov:CKV_K8S_21', 'kube-linter:use-namespace', 'kubescape:C-0061', 'kubescape:C-0212', 'kics:611ab018-c4aa-4ba2-b0f6-a448337509a6', 'datree:WORKLOAD_INCORRECT_NAMESPACE_VALUE_DEFAULT'],
    conditions: [
      { id: 'default', when: 'metadata.namespace is default', references: ['trivy:KSV-0110', 'checkov:CKV_K8S_21', 'kube-linter:use-namespace', 'kubescape:C-0061', 'kubescape:C-0212', 'kics:611ab018-c4aa-4ba2-b0f6-a448337509a6', 'datree:WORKLOAD_INCORRECT_NAMESPACE_VALUE_DEFAULT'] },
      { id: 'missing', when: 'metadata.namespace is not set', references: ['trivy:KSV-0110', 'checkov:CKV_K8S_21', 'kube-linter:use-namespace', 'kubescape:C-0061', 'kubescape:C-0212', 'kics:611ab018-c4aa-4ba2-b0f6-a448337509a6', 'datree:WORKLOAD_INCORRECT_NAMESPACE_VALUE_DEFAULT'] },
      { id: 'kube-public', when: 'metadata.namespace is kube-public', references: ['kics:611ab018-c4aa-4ba2-b0f6-a448337509a6'] },
    ],
    fix: { available: false, note: 'The namespace is the owner\'s choice.' },
  },
  check(ctx) {
    const o = ctx.object;
    if (isClusterScoped(o.kind) || !o.metadata) return;
    if (!WORKLOAD_KINDS.has(o.kind) && !o.pod && !['Secret', 'ConfigMap', 'Service', 'ServiceAccount', 'Role', 'RoleBinding', 'Ingress', 'NetworkPolicy'].includes(o.kind)) return;
    // The default namespace's own objects belong there.
    if ((o.kind === 'ServiceAccount' && o.name === 'default') || (o.kind === 'Service' && o.name === 'kubernetes')) return;
    const ns = o.metadata.pairOf('namespace');
    if (ns && o.namespace === 'default') ctx.report({ at: ns, condition: 'default', message: `${o.kind} ${o.name} is in the default namespace` });
    else if (ns && o.namespace === 'kube-public') ctx.report({ at: ns, condition: 'kube-public', message: `${o.kind} ${o.name} is in kube-public, which every user, even unauthenticated ones, can read` });
    else if (!ns && ctx.params.flagMissingNamespace) ctx.report({ ...ownerOf(o.metadata), condition: 'missing', message: `${o.kind} ${o.name} has no namespace (lands in default unless one is given at apply time)` });
  },
});
