import { defineKubeRule, containerOwner } from '../../core/k8s/kube-rule.js';
import { effectiveNumber, effectiveScalar } from '../../core/k8s/security-context.js';
import { ensurePath, replaceScalar } from '../../core/fix/yaml-edit.js';
import { describeContainer, eachContainer } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/run-as-non-root',
    title: 'Container may run as root',
    severity: 'medium',
    target: 'kubernetes',
    catalog: ['K03'],
    description:
      'Unless `runAsNonRoot: true` is in force (or a non-zero `runAsUser`), the container runs as whatever user the image says, which is root for most images. ' +
      'Root in a container is one kernel bug or one misconfiguration away from root on the node.',
    remediation: 'Set `securityContext.runAsNonRoot: true` on the pod (it applies to every container) and make sure the image has a non-root user.',
    decisions:
      'The effective value is used: a pod-level `runAsNonRoot: true` covers every container that does not override it, and a container-level `false` overrides the pod. ' +
      'Like Polaris and kube-linter, a non-zero `runAsUser` also satisfies the rule (`acceptNonZeroRunAsUser`).' +
      ' A pod whose `containers` is null or empty runs nothing and is not reported (Checkov fails it as malformed).',
    params: { acceptNonZeroRunAsUser: { type: 'boolean', default: true, description: 'A non-zero effective runAsUser satisfies the rule.' } },
    conditions: [
      { id: 'may-run-as-root', when: 'runAsNonRoot is not true and no non-zero runAsUser is in force', references: ['trivy:KSV-0012', 'checkov:CKV_K8S_23', 'kube-linter:run-as-non-root', 'polaris:runAsRootAllowed', 'kubesec:RunAsNonRoot', 'kubescape:C-0013', 'kics:cf34805e-3872-4c08-bf92-6ff7bb0cfadb', 'datree:CONTAINERS_INCORRECT_RUNASNONROOT_VALUE'] },
      { id: 'explicit-false-with-uid', when: 'runAsNonRoot: false is set while a non-zero runAsUser is in force (the checks that accept a non-zero UID do not fire)', references: ['trivy:KSV-0012', 'kubesec:RunAsNonRoot', 'datree:CONTAINERS_INCORRECT_RUNASNONROOT_VALUE'] },
    ],
    references: [
      'trivy:KSV-0012', 'checkov:CKV_K8S_23', 'kube-linter:run-as-non-root', 'polaris:runAsRootAllowed', 'kubesec:RunAsNonRoot',
      'kubescape:C-0013', 'kics:cf34805e-3872-4c08-bf92-6ff7bb0cfadb', 'datree:CONTAINERS_INCORRECT_RUNASNONROOT_VALUE',
    ],
    fix: { available: true, note: 'Adds `runAsNonRoot: true` (or sets an explicit `false` to `true`).', unsafe: true },
  },
  check(ctx) {
    eachContainer(ctx, (c, pod) => {
      const nonRoot = effectiveScalar(pod, c, 'runAsNonRoot');
      if (nonRoot?.node.value === true) return;
      // An explicit false switches the kubelet's guard off on purpose: reported whatever the UID.
      if (nonRoot && nonRoot.node.value === false) {
        const uid = effectiveNumber(pod, c, 'runAsUser');
        ctx.report({
          at: nonRoot.node.pair ?? nonRoot.node,
          container: c,
          condition: uid && uid.value > 0 ? 'explicit-false-with-uid' : 'may-run-as-root',
          message: `${describeContainer(c)} sets runAsNonRoot: false${nonRoot.from === 'pod' ? ' (inherited from the pod)' : ''}`,
          fix: { description: 'Set runAsNonRoot: true (the image must run as a non-root user)', edits: [nonRoot.from === 'container' ? replaceScalar(nonRoot.node, true, ctx.style) : ensurePath(c.node, ['securityContext', 'runAsNonRoot'], true, ctx.style)] },
        });
        return;
      }
      const uid = effectiveNumber(pod, c, 'runAsUser');
      if (uid && uid.value > 0 && ctx.params.acceptNonZeroRunAsUser) return;
      if (uid?.value === 0) return; // k8s/run-as-uid-0 reports the explicit root user
      ctx.report({
        ...containerOwner(c),
        container: c,
        condition: 'may-run-as-root',
        message: `${describeContainer(c)} may run as root: runAsNonRoot is not true at pod or container level`,
        fix: { description: 'Add runAsNonRoot: true (the image must run as a non-root user)', edits: [ensurePath(c.node, ['securityContext', 'runAsNonRoot'], true, ctx.style)] },
      });
    });
  },
});
