import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { effectiveNumber } from '../../core/k8s/security-context.js';
import { describeContainer, eachContainer } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/run-as-uid-0',
    title: 'Container runs as UID 0',
    severity: 'high',
    target: 'kubernetes',
    catalog: ['K04'],
    description: '`runAsUser: 0` runs the container as root on purpose, whatever the image says; it also defeats `runAsNonRoot`, which then refuses to start the pod.',
    remediation: 'Set `runAsUser` to a non-zero UID (10000 or above avoids clashing with host users) and `runAsNonRoot: true`.',
    references: ['trivy:KSV-0105', 'kube-linter:run-as-non-root', 'kics:cf34805e-3872-4c08-bf92-6ff7bb0cfadb'],
    fix: { available: false, note: 'The UID to run as is the owner\'s choice.' },
  },
  check(ctx) {
    const reported = new Set<unknown>();
    eachContainer(ctx, (c, pod) => {
      const uid = effectiveNumber(pod, c, 'runAsUser');
      if (uid?.value !== 0) return;
      // A pod-level runAsUser: 0 is one problem, reported once, not once per container.
      if (reported.has(uid.node)) return;
      reported.add(uid.node);
      ctx.report({ at: uid.node.pair ?? uid.node, container: c, message: `${describeContainer(c)} runs as UID 0 (root)` });
    });
  },
});
