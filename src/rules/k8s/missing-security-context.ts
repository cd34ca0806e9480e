import { YMap } from '../../core/yaml/ast.js';
import { defineKubeRule, containerOwner, ownerOf } from '../../core/k8s/kube-rule.js';
import { containerContext, podContext } from '../../core/k8s/security-context.js';
import { describeContainer, eachContainer } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/missing-security-context',
    title: 'Pod or container without a securityContext',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K08'],
    description: 'With no securityContext every hardening setting is at its permissive default: root user, writable filesystem, privilege escalation allowed, no seccomp.',
    remediation: 'Add a pod `securityContext` (runAsNonRoot, seccompProfile) and a container `securityContext` (allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities.drop: [ALL]).',
    references: [
      'trivy:KSV-0118', 'checkov:CKV_K8S_29', 'checkov:CKV_K8S_30', 'kubescape:C-0211', 'kics:a97a340a-0063-418e-b3a1-3028941d0995',
      'datree:CIS_MISSING_KEY_SECURITYCONTEXT',
    ],
    conditions: [
      { id: 'pod', when: 'the pod has no securityContext', references: ['trivy:KSV-0118', 'checkov:CKV_K8S_29', 'kubescape:C-0211', 'kics:a97a340a-0063-418e-b3a1-3028941d0995'] },
      { id: 'container', when: 'a container has no securityContext', references: ['trivy:KSV-0118', 'checkov:CKV_K8S_30', 'kubescape:C-0211', 'kics:a97a340a-0063-418e-b3a1-3028941d0995', 'datree:CIS_MISSING_KEY_SECURITYCONTEXT'] },
    ],
    fix: { available: false, note: 'The other rules add the specific settings.' },
  },
  check(ctx) {
    const pod = ctx.object.pod;
    if (!pod) return;
    const psc = podContext(pod);
    if (!(psc instanceof YMap) || psc.pairs.length === 0) ctx.report({ ...(psc?.pair ? { at: psc.pair, keyOnly: false } : ownerOf(pod.spec)), condition: 'pod', message: 'pod has no securityContext' });
    eachContainer(ctx, (c) => {
      const sc = containerContext(c);
      if (!(sc instanceof YMap) || sc.pairs.length === 0) ctx.report({ ...(sc?.pair ? { at: sc.pair, keyOnly: false } : containerOwner(c)), container: c, condition: 'container', message: `${describeContainer(c)} has no securityContext` });
    });
  },
});
