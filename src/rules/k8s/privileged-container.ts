import { defineKubeRule, isTrue } from '../../core/k8s/kube-rule.js';
import { containerContext } from '../../core/k8s/security-context.js';
import { replaceScalar } from '../../core/fix/yaml-edit.js';
import { describeContainer, eachContainer } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/privileged-container',
    title: 'Privileged container',
    severity: 'critical',
    target: 'kubernetes',
    catalog: ['K01'],
    description:
      'A privileged container runs with every capability, sees all host devices and is not confined by seccomp or AppArmor: ' +
      'root in it is root on the node, and escaping takes one `mount`.',
    remediation: 'Set `securityContext.privileged: false` (or remove it) and grant only the specific capabilities or devices the workload needs.',
    references: [
      'trivy:KSV-0017', 'checkov:CKV_K8S_16', 'kube-linter:privileged-container', 'kube-score:container-security-context-privileged',
      'polaris:runAsPrivileged', 'kubesec:Privileged', 'kubescape:C-0057', 'kics:dd29336b-fe57-445b-a26e-e6aa867ae609',
      'datree:CONTAINERS_INCORRECT_PRIVILEGED_VALUE_TRUE',
    ],
    fix: { available: true, note: 'Sets `privileged: false`.', unsafe: true },
  },
  check(ctx) {
    eachContainer(ctx, (c) => {
      const p = containerContext(c)?.pairOf('privileged');
      if (p && isTrue(p.value)) ctx.report({ at: p, container: c, message: `${describeContainer(c)} is privileged`, fix: { description: 'Set privileged: false', edits: [replaceScalar(p.value, false, ctx.style)] } });
    });
  },
});
