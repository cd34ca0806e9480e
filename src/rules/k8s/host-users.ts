import { YScalar } from '../../core/yaml/ast.js';
import { defineKubeRule, ownerOf } from '../../core/k8s/kube-rule.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/host-users',
    title: 'Pod does not use a user namespace',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K14'],
    enabledByDefault: false,
    description: 'With `hostUsers: false` the pod gets its own user namespace: root inside maps to an unprivileged UID on the node, which blunts most container escapes.',
    remediation: 'Set `spec.hostUsers: false` where the cluster supports user namespaces (Kubernetes 1.33+ with a supporting runtime).',
    decisions: 'Only kubesec checks this. It is off by default because user namespaces need node support many clusters lack; enable it where they are available.',
    references: ['kubesec:HostUsers'],
    fix: { available: false, note: 'Needs cluster support; enabling it is a platform decision.' },
  },
  check(ctx) {
    const pod = ctx.object.pod;
    if (!pod) return;
    const p = pod.spec.pairOf('hostUsers');
    if (p && p.value instanceof YScalar && p.value.value === false) return;
    ctx.report({ ...(p ? { at: p, keyOnly: false } : ownerOf(pod.spec)), message: 'pod shares the host user namespace (hostUsers is not false)' });
  },
});
