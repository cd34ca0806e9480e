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
    references: ['trivy:KSV-0105', 'kube-linter:run-as-non-root', 'kics:cf34805e-3872-4c08-bf92-6ff7bb0cfadb', 'trivy:KSV-0020', 'checkov:CKV_K8S_40', 'kube-score:container-security-context-user-group-id'],
    decisions: 'UID 0 is also a UID below 10000: the low-UID checks that compare the UID with 10000 (Trivy KSV-0020, Checkov CKV_K8S_40, kube-score) fire on it, and riskgate cites them here rather than report it twice (k8s/low-uid-gid reports UIDs from 1 up). In a pod with its own user namespace (`hostUsers: false`) Checkov accepts any UID and is not cited.',
    conditions: [
      { id: 'uid-0', when: 'runAsUser is 0 (pod or container level)', references: ['trivy:KSV-0105', 'kube-linter:run-as-non-root', 'kics:cf34805e-3872-4c08-bf92-6ff7bb0cfadb', 'trivy:KSV-0020', 'checkov:CKV_K8S_40', 'kube-score:container-security-context-user-group-id'] },
      { id: 'uid-0-userns', when: 'runAsUser is 0 in a pod with its own user namespace (hostUsers: false)', references: ['trivy:KSV-0105', 'kube-linter:run-as-non-root', 'kics:cf34805e-3872-4c08-bf92-6ff7bb0cfadb', 'trivy:KSV-0020', 'kube-score:container-security-context-user-group-id'] },
    ],
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
      const userns = pod.spec.bool('hostUsers') === false;
      ctx.report({ at: uid.node.pair ?? uid.node, container: c, condition: userns ? 'uid-0-userns' : 'uid-0', message: `${describeContainer(c)} runs as UID 0 (root)` });
    });
  },
});
