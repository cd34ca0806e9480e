import { YScalar } from '../../core/yaml/ast.js';
import { defineKubeRule, ownerOf } from '../../core/k8s/kube-rule.js';
import { replaceScalar, setKey } from '../../core/fix/yaml-edit.js';
import { effectiveNamespace } from '../../core/k8s/objects.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/service-account-token',
    title: 'Service account token mounted automatically',
    severity: 'medium',
    target: 'kubernetes',
    catalog: ['K37'],
    description: 'By default every pod gets a token for its service account. Most applications never call the Kubernetes API, but an attacker in the pod can, with whatever RBAC the account has.',
    remediation: 'Set `automountServiceAccountToken: false` on the pod (or its ServiceAccount), and mount a projected token only where the API is needed.',
    decisions: 'A ServiceAccount in the scan that sets `automountServiceAccountToken: false` satisfies the pods that use it, unless the pod sets `true`.',
    references: [
      'trivy:KSV-0036', 'checkov:CKV_K8S_38', 'polaris:automountServiceAccountToken', 'kubesec:AutomountServiceAccountToken', 'kubescape:C-0034',
      'kubescape:C-0190', 'kubescape:C-0261', 'kics:48471392-d4d0-47c0-b135-cdec95eb3eef', 'datree:SRVACC_INCORRECT_AUTOMOUNTSERVICEACCOUNTTOKEN_VALUE',
    ],
    fix: { available: true, note: 'Adds `automountServiceAccountToken: false` to the pod spec.', unsafe: true },
  },
  check(ctx) {
    const pod = ctx.object.pod;
    if (!pod) return;
    const p = pod.spec.pairOf('automountServiceAccountToken');
    const v = p?.value instanceof YScalar ? p.value.value : undefined;
    if (v === false) return;
    if (v === true) {
      ctx.report({ at: p!, message: 'pod mounts its service account token (automountServiceAccountToken: true)', fix: { description: 'Set automountServiceAccountToken: false', edits: [replaceScalar(p!.value as YScalar, false, ctx.style)] } });
      return;
    }
    const saName = pod.spec.str('serviceAccountName') ?? pod.spec.str('serviceAccount') ?? 'default';
    const sa = ctx.index.find('ServiceAccount', saName, effectiveNamespace(ctx.object));
    if (sa?.node.bool('automountServiceAccountToken') === false) return;
    ctx.report({ ...ownerOf(pod.spec), message: `pod mounts the token of service account "${saName}" (automountServiceAccountToken is not false)`, fix: { description: 'Add automountServiceAccountToken: false (mount a projected token where the API is needed)', edits: [setKey(pod.spec, 'automountServiceAccountToken', false, ctx.style)] } });
  },
});
