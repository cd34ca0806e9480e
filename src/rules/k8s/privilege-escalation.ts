import { YScalar } from '../../core/yaml/ast.js';
import { defineKubeRule, containerOwner } from '../../core/k8s/kube-rule.js';
import { capabilities, capName, containerContext } from '../../core/k8s/security-context.js';
import { ensurePath, replaceScalar } from '../../core/fix/yaml-edit.js';
import { describeContainer, eachContainer } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/privilege-escalation',
    title: 'Privilege escalation allowed',
    severity: 'medium',
    target: 'kubernetes',
    catalog: ['K02'],
    description:
      'Without `allowPrivilegeEscalation: false` the kernel lets a process gain more privileges than its parent (setuid binaries, file capabilities). ' +
      'The Linux default is to allow it, so an unset field allows escalation.',
    remediation: 'Set `securityContext.allowPrivilegeEscalation: false` on every container.',
    decisions:
      'Trivy (KSV-0001), Checkov (CKV_K8S_20) and Kubescape (C-0016) fail when the field is unset; kube-linter and kubesec only when it is explicitly `true`. ' +
      'riskgate takes the secure reading (unset fails, because the runtime default allows escalation) and offers `flagUnset: false` for the other. ' +
      'A privileged container or one that adds SYS_ADMIN can always escalate, so `false` is reported as ineffective there.',
    params: { flagUnset: { type: 'boolean', default: true, description: 'Report containers that do not set the field at all.' } },
    references: [
      'trivy:KSV-0001', 'checkov:CKV_K8S_20', 'kube-linter:privilege-escalation-container', 'polaris:privilegeEscalationAllowed',
      'kubesec:AllowPrivilegeEscalation', 'kubescape:C-0016', 'kics:5572cc5e-1e4c-4113-92a6-7a8a3bd25e6d',
      'datree:CONTAINERS_MISSING_KEY_ALLOWPRIVILEGEESCALATION',
    ],
    fix: { available: true, note: 'Sets or adds `allowPrivilegeEscalation: false`.', unsafe: true },
  },
  check(ctx) {
    eachContainer(ctx, (c) => {
      const sc = containerContext(c);
      const p = sc?.pairOf('allowPrivilegeEscalation');
      const v = p?.value instanceof YScalar ? p.value.value : undefined;
      if (v === true) {
        ctx.report({ at: p!, container: c, message: `${describeContainer(c)} allows privilege escalation`, fix: { description: 'Set allowPrivilegeEscalation: false', edits: [replaceScalar(p!.value as YScalar, false, ctx.style)] } });
      } else if (v === false) {
        const sysAdmin = capabilities(c).add.find((a) => capName(a) === 'SYS_ADMIN' || capName(a) === 'ALL');
        if (sc?.bool('privileged') === true || sysAdmin)
          ctx.report({ at: p!, container: c, message: `${describeContainer(c)} sets allowPrivilegeEscalation: false, but ${sysAdmin ? 'adds SYS_ADMIN' : 'is privileged'}, which escalates anyway` });
      } else if (ctx.params.flagUnset) {
        const owner = sc ? { at: sc.pair!, keyOnly: true } : containerOwner(c);
        ctx.report({ ...owner, container: c, message: `${describeContainer(c)} does not set allowPrivilegeEscalation: false`, fix: { description: 'Add allowPrivilegeEscalation: false', edits: [ensurePath(c.node, ['securityContext', 'allowPrivilegeEscalation'], false, ctx.style)] } });
      }
    });
  },
});
