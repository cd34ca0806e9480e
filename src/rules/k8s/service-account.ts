import { defineKubeRule, ownerOf } from '../../core/k8s/kube-rule.js';
import { effectiveNamespace, sameObject } from '../../core/k8s/objects.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/service-account',
    title: 'Default or deprecated service account use',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K38'],
    description:
      'Pods that run as the namespace\'s `default` service account share its permissions with every other such pod, and RBAC granted to `default` reaches them all. ' +
      'The `serviceAccount` field is a deprecated alias of `serviceAccountName`.',
    remediation: 'Create a dedicated ServiceAccount per workload and set `serviceAccountName`; bind roles to it, not to `default`.',
    references: [
      'checkov:CKV_K8S_41', 'checkov:CKV_K8S_42', 'kube-linter:default-service-account', 'kube-linter:deprecated-service-account-field',
      'kubesec:ServiceAccountName', 'kubescape:C-0189', 'kubescape:C-0294', 'kubescape:C-0307',
      'kics:591ade62-d6b0-4580-b1ae-209f80ba1cd9', 'kics:1e749bc9-fde8-471c-af0c-8254efd2dee5', 'kics:c1032cf7-3628-44e2-bd53-38c17cf31b6b',
    ],
    conditions: [
      { id: 'unset', when: 'a pod sets no serviceAccountName', references: ['kube-linter:default-service-account', 'kubesec:ServiceAccountName', 'kubescape:C-0294', 'kubescape:C-0307', 'kics:591ade62-d6b0-4580-b1ae-209f80ba1cd9'] },
      { id: 'default-name', when: 'a pod names the default service account', references: ['kube-linter:default-service-account', 'kubescape:C-0294', 'kubescape:C-0307'] },
      { id: 'deprecated-field', when: 'a pod uses the deprecated serviceAccount field', references: ['kube-linter:deprecated-service-account-field'] },
      { id: 'shared', when: 'workloads in one namespace share a service account', references: ['kics:c1032cf7-3628-44e2-bd53-38c17cf31b6b'] },
      { id: 'default-automount', when: 'the default ServiceAccount does not set automountServiceAccountToken: false', references: ['checkov:CKV_K8S_41', 'kubescape:C-0189'] },
      { id: 'binding-default', when: 'a binding grants a role to the default service account', references: ['checkov:CKV_K8S_42', 'kics:1e749bc9-fde8-471c-af0c-8254efd2dee5'] },
    ],
    params: { flagShared: { type: 'boolean', default: true, description: 'Report workloads in one namespace that run as the same (non-default) service account.' } },
    decisions: 'Also reports a `default` ServiceAccount that does not set `automountServiceAccountToken: false` (Checkov CKV_K8S_41), and, as KICS does, workloads sharing one account (`flagShared`). Each case cites only its own peer checks; kube-linter\'s non-existent-service-account is not implemented and not cited.',
    fix: { available: false, note: 'A dedicated ServiceAccount must be created.' },
  },
  check(ctx) {
    const o = ctx.object;
    if (o.pod) {
      const spec = o.pod.spec;
      const dep = spec.pairOf('serviceAccount');
      if (dep && !spec.pairOf('serviceAccountName')) ctx.report({ at: dep, condition: 'deprecated-field', message: 'pod uses the deprecated serviceAccount field; use serviceAccountName' });
      const name = spec.str('serviceAccountName') ?? spec.str('serviceAccount');
      if (!name) ctx.report({ ...ownerOf(spec), condition: 'unset', message: 'pod runs as the default service account (no serviceAccountName)' });
      else if (name === 'default') ctx.report({ at: spec.pairOf('serviceAccountName') ?? dep!, condition: 'default-name', message: 'pod runs as the default service account' });
      else if (ctx.params.flagShared && o.kind !== 'PodTemplate') {
        // Another workload in the same namespace and scan runs as the same account: they share its permissions and tokens.
        const ns = effectiveNamespace(o);
        const others = ctx.index.workloadsWithServiceAccount(ns, name).filter((w) => !sameObject(w, o));
        if (others.length) ctx.report({ at: spec.pairOf('serviceAccountName') ?? dep!, condition: 'shared', message: `pod shares service account "${name}" with ${others.map((w) => `${w.kind} ${w.name}`).slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}` });
      }
    }
    if (o.kind === 'ServiceAccount' && o.name === 'default') {
      const p = o.node.pairOf('automountServiceAccountToken');
      if (o.node.bool('automountServiceAccountToken') !== false)
        ctx.report({ ...(p ? { at: p, keyOnly: false } : ownerOf(o.metadata ?? o.node)), condition: 'default-automount', message: `the default service account${o.namespace ? ` of namespace ${o.namespace}` : ''} mounts its token into every pod that does not opt out (set automountServiceAccountToken: false)` });
    }
    if (o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') {
      for (const s of o.node.maps('subjects')) {
        if (s.str('kind') === 'ServiceAccount' && s.str('name') === 'default')
          ctx.report({ at: s.pairOf('name')!, condition: 'binding-default', message: `${o.kind} ${o.name} grants ${o.node.map('roleRef')?.str('name') ?? 'a role'} to the default service account` });
      }
    }
  },
});
