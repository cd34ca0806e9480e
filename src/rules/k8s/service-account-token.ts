import { YScalar } from '../../core/yaml/ast.js';
import { defineKubeRule, ownerOf } from '../../core/k8s/kube-rule.js';
import { replaceScalar, setKey } from '../../core/fix/yaml-edit.js';
import { effectiveNamespace } from '../../core/k8s/objects.js';
import { objectGraph, refText } from '../../core/graph/object-graph.js';
import type { TextEdit } from '../../core/types.js';

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
    fix: { available: true, note: 'Adds `automountServiceAccountToken: false` to the pod spec, only when no binding in the scan names the pod\'s ServiceAccount: a bound account is one the app uses to call the API (a controller, an operator), and taking its token would stop it; then the finding names the binding, which is the link to narrow.', unsafe: true },
  },
  check(ctx) {
    const pod = ctx.object.pod;
    if (!pod) return;
    // By name: copies of one binding (a manifest per environment) are one binding to the reader.
    const bound = [...new Set((objectGraph(ctx.index).workload(ctx.object)?.bindings ?? []).map(refText))];
    const why = bound.length
      ? `; no automatic fix: ${bound.slice(0, 2).join(', ')}${bound.length > 2 ? ` and ${bound.length - 2} more` : ''} bind${bound.length === 1 ? 's' : ''} its ServiceAccount, so the app likely calls the API: narrow the role or binding instead`
      : '';
    const fixIfUnbound = (f: { description: string; edits: TextEdit[] }) => (bound.length ? undefined : f);
    const p = pod.spec.pairOf('automountServiceAccountToken');
    const v = p?.value instanceof YScalar ? p.value.value : undefined;
    if (v === false) return;
    if (v === true) {
      ctx.report({ at: p!, message: `pod mounts its service account token (automountServiceAccountToken: true)${why}`, fix: fixIfUnbound({ description: 'Set automountServiceAccountToken: false', edits: [replaceScalar(p!.value as YScalar, false, ctx.style)] }) });
      return;
    }
    const saName = pod.spec.str('serviceAccountName') ?? pod.spec.str('serviceAccount') ?? 'default';
    const sa = ctx.index.find('ServiceAccount', saName, effectiveNamespace(ctx.object));
    if (sa?.node.bool('automountServiceAccountToken') === false) return;
    ctx.report({ ...ownerOf(pod.spec), message: `pod mounts the token of service account "${saName}" (automountServiceAccountToken is not false)${why}`, fix: fixIfUnbound({ description: 'Add automountServiceAccountToken: false (mount a projected token where the API is needed)', edits: [setKey(pod.spec, 'automountServiceAccountToken', false, ctx.style)] }) });
  },
});
