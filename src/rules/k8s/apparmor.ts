import { defineKubeRule, containerOwner } from '../../core/k8s/kube-rule.js';
import { appArmorType } from '../../core/k8s/security-context.js';
import { describeContainer, eachContainer } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/apparmor',
    title: 'AppArmor profile unconfined',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K21'],
    description: 'On AppArmor nodes the runtime confines containers with its default profile. `Unconfined` (or the `unconfined` annotation) removes that layer.',
    remediation: 'Use `appArmorProfile: {type: RuntimeDefault}` (or `Localhost`), or remove the `unconfined` setting.',
    decisions:
      'KICS fails pods that set no AppArmor profile; Trivy (KSV-0002) and kubesec fail only an unconfined or unknown one. Unset means the runtime default on AppArmor nodes, ' +
      'so riskgate reports only what weakens it, and offers `flagUnset: true` for KICS\'s reading. ' +
      'Polaris linuxHardening and Kubescape C-0055 (no AppArmor, seccomp, SELinux or dropped capabilities at all) are cited by k8s/seccomp-profile, which reports every container without seccomp.',
    params: { flagUnset: { type: 'boolean', default: false, description: 'Also report containers with no AppArmor setting.' } },
    conditions: [
      { id: 'weakened', when: 'the profile is Unconfined or another type than RuntimeDefault and Localhost', references: ['trivy:KSV-0002', 'kics:8b36775e-183d-4d46-b0f7-96a6f34a723f'] },
      { id: 'unconfined', when: 'the profile is unconfined', references: ['kubesec:ApparmorUnconfined'] },
      { id: 'unset', when: 'no AppArmor profile is set (reported only with flagUnset)', references: ['kubesec:ApparmorAny', 'kics:8b36775e-183d-4d46-b0f7-96a6f34a723f'] },
    ],
    references: ['trivy:KSV-0002', 'kubesec:ApparmorAny', 'kubesec:ApparmorUnconfined', 'kics:8b36775e-183d-4d46-b0f7-96a6f34a723f'],
    fix: { available: false, note: 'Changing the profile needs testing on the nodes.' },
  },
  check(ctx) {
    eachContainer(ctx, (c, pod) => {
      const a = appArmorType(pod, c);
      if (!a) {
        if (ctx.params.flagUnset) ctx.report({ ...containerOwner(c), container: c, condition: 'unset', message: `${describeContainer(c)} sets no AppArmor profile` });
        return;
      }
      if (a.type === 'RuntimeDefault' || a.type === 'Localhost') return;
      ctx.report({ at: a.node.pair ?? a.node, container: c, condition: a.type.toLowerCase() === 'unconfined' ? ['weakened', 'unconfined'] : 'weakened', message: `${describeContainer(c)} runs with AppArmor profile ${a.type}` });
    });
  },
});
