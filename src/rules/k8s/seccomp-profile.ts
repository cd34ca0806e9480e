import { YScalar } from '../../core/yaml/ast.js';
import { defineKubeRule, containerOwner, ownerOf } from '../../core/k8s/kube-rule.js';
import { seccompType, containerContext, podContext, appArmorType, capabilities } from '../../core/k8s/security-context.js';
import type { Container, PodSpec } from '../../core/k8s/objects.js';
import { ensurePath, replaceScalar } from '../../core/fix/yaml-edit.js';
import { describeContainer, eachContainer } from './helpers.js';

/**
 * Polaris linuxHardening and Kubescape C-0055 pass a container that uses any one of seccomp,
 * AppArmor, SELinux or dropped capabilities; a seccomp finding cites them only when the container
 * has none of the others.
 */
function noOtherHardening(pod: PodSpec, c: Container): boolean {
  const apparmor = appArmorType(pod, c);
  if (apparmor && apparmor.type.toLowerCase() !== 'unconfined') return false;
  if (podContext(pod)?.map('seLinuxOptions')?.pairs.length || containerContext(c)?.map('seLinuxOptions')?.pairs.length) return false;
  return capabilities(c).drop.length === 0;
}

export default defineKubeRule({
  meta: {
    id: 'k8s/seccomp-profile',
    title: 'Seccomp profile not set or unconfined',
    severity: 'medium',
    target: 'kubernetes',
    catalog: ['K20'],
    description:
      'Without a seccomp profile the container may call every syscall, including the rarely used ones most kernel exploits need. ' +
      '`RuntimeDefault` blocks them at no cost for almost every application; `Unconfined` turns the filter off.',
    remediation: 'Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod (or `Localhost` with a custom profile).',
    decisions: 'The pod-level profile applies to containers that do not set their own (Checkov CKV_K8S_31 ignores this: checkov#3300; so does Trivy KSV-0104 for a bare Pod, where it reads only the container\'s own profile and its annotation). The deprecated seccomp annotations are honoured too.' +
      ' The annotation `seccomp.security.alpha.kubernetes.io/defaultProfileName` belongs to PodSecurityPolicies and does nothing on a Pod, so it sets no profile (KICS accepts it).',
    references: [
      'trivy:KSV-0030', 'trivy:KSV-0104', 'checkov:CKV_K8S_31', 'kube-score:container-seccomp-profile', 'polaris:linuxHardening', 'kubesec:SeccompAny',
      'kubesec:SeccompUnconfined', 'kubescape:C-0055', 'kics:f377b83e-bd07-4f48-a591-60c82b14a78b', 'datree:CONTAINERS_INCORRECT_SECCOMP_PROFILE',
      'datree:CIS_INVALID_VALUE_SECCOMP_PROFILE',
    ],
    conditions: [
      {
        id: 'unset',
        when: 'no seccomp profile applies (kubesec SeccompUnconfined reads an explicit Unconfined only)',
        references: ['trivy:KSV-0030', 'trivy:KSV-0104', 'checkov:CKV_K8S_31', 'kube-score:container-seccomp-profile', 'kubesec:SeccompAny', 'kics:f377b83e-bd07-4f48-a591-60c82b14a78b', 'datree:CONTAINERS_INCORRECT_SECCOMP_PROFILE', 'datree:CIS_INVALID_VALUE_SECCOMP_PROFILE'],
      },
      {
        id: 'unconfined',
        when: 'the profile is Unconfined (or another type than RuntimeDefault and Localhost)',
        references: ['trivy:KSV-0030', 'trivy:KSV-0104', 'checkov:CKV_K8S_31', 'kube-score:container-seccomp-profile', 'kubesec:SeccompUnconfined', 'kics:f377b83e-bd07-4f48-a591-60c82b14a78b', 'datree:CONTAINERS_INCORRECT_SECCOMP_PROFILE', 'datree:CIS_INVALID_VALUE_SECCOMP_PROFILE'],
      },
      {
        id: 'no-hardening',
        when: 'and the container has no other Linux hardening either: no AppArmor profile (other than Unconfined), no seLinuxOptions, no dropped capabilities',
        references: ['polaris:linuxHardening', 'kubescape:C-0055'],
      },
    ],
    fix: { available: true, note: 'Adds `seccompProfile: {type: RuntimeDefault}` to the pod securityContext.', unsafe: true },
  },
  check(ctx) {
    const pod = ctx.object.pod;
    if (!pod) return;
    const unset: string[] = [];
    const reported = new Set<unknown>();
    eachContainer(ctx, (c) => {
      const s = seccompType(pod, c);
      if (!s) {
        unset.push(describeContainer(c));
        return;
      }
      if (s.type === 'RuntimeDefault' || s.type === 'Localhost') return;
      if (reported.has(s.node)) return;
      reported.add(s.node);
      const fixable = s.node instanceof YScalar && s.node.pair?.keyText === 'type';
      ctx.report({ at: s.node.pair ?? s.node, container: c, condition: noOtherHardening(pod, c) ? ['unconfined', 'no-hardening'] : 'unconfined', message: `${describeContainer(c)} runs with seccomp profile ${s.type}`, fix: fixable ? { description: 'Use the RuntimeDefault seccomp profile', edits: [replaceScalar(s.node as YScalar, 'RuntimeDefault', ctx.style)] } : undefined });
    });
    if (unset.length === 0) return;
    // One finding at the pod when no container has a profile (one pod-level fix); else per container.
    if (unset.length === pod.containers.length) {
      const psc = podContext(pod);
      ctx.report({ ...(psc?.pair ? { at: psc.pair, keyOnly: true } : ownerOf(pod.spec)), condition: pod.containers.some((c) => noOtherHardening(pod, c)) ? ['unset', 'no-hardening'] : 'unset', message: 'pod sets no seccomp profile (RuntimeDefault or Localhost)', fix: { description: 'Add seccompProfile: {type: RuntimeDefault} to the pod', edits: [ensurePath(pod.spec, ['securityContext', 'seccompProfile', 'type'], 'RuntimeDefault', ctx.style)] } });
    } else {
      eachContainer(ctx, (c) => {
        if (!seccompType(pod, c)) ctx.report({ ...(containerContext(c)?.pair ? { at: containerContext(c)!.pair!, keyOnly: true } : containerOwner(c)), container: c, condition: noOtherHardening(pod, c) ? ['unset', 'no-hardening'] : 'unset', message: `${describeContainer(c)} has no seccomp profile`, fix: { description: 'Add seccompProfile: {type: RuntimeDefault}', edits: [ensurePath(c.node, ['securityContext', 'seccompProfile', 'type'], 'RuntimeDefault', ctx.style)] } });
      });
    }
  },
});
