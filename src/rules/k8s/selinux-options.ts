import { YMap } from '../../core/yaml/ast.js';
import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { containerContext, podContext } from '../../core/k8s/security-context.js';
import { describeContainer, eachContainer } from './helpers.js';

const ALLOWED_TYPES = ['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];

export default defineKubeRule({
  meta: {
    id: 'k8s/selinux-options',
    title: 'Custom SELinux user, role or type',
    severity: 'medium',
    target: 'kubernetes',
    catalog: ['K22'],
    description: 'The baseline Pod Security Standard forbids setting the SELinux user or role and allows only the container types; `spc_t` and friends run unconfined.',
    remediation: 'Remove `seLinuxOptions.user` and `.role`; use one of the container types (`container_t`, `container_init_t`, `container_kvm_t`, `container_engine_t`) or none.',
    params: { allowedTypes: { type: 'string[]', default: ALLOWED_TYPES, description: 'SELinux types accepted in seLinuxOptions.type.' } },
    conditions: [
      { id: 'user', when: 'seLinuxOptions.user is set', references: ['trivy:KSV-0025', 'datree:EKS_INVALID_SELINUXOPTIONS_USER_VALUE'] },
      { id: 'role', when: 'seLinuxOptions.role is set', references: ['trivy:KSV-0025', 'datree:EKS_INVALID_SELINUXOPTIONS_ROLE_VALUE'] },
      { id: 'type', when: 'seLinuxOptions.type is outside the allowed types', references: ['trivy:KSV-0025', 'datree:EKS_INVALID_SELINUXOPTIONS_TYPE_VALUE'] },
    ],
    references: ['trivy:KSV-0025', 'datree:EKS_INVALID_SELINUXOPTIONS_TYPE_VALUE', 'datree:EKS_INVALID_SELINUXOPTIONS_USER_VALUE', 'datree:EKS_INVALID_SELINUXOPTIONS_ROLE_VALUE'],
    fix: { available: false, note: 'The SELinux context is a platform decision.' },
  },
  check(ctx) {
    const pod = ctx.object.pod;
    if (!pod) return;
    const allowed = ctx.params.allowedTypes as string[];
    const inspect = (opts: YMap | undefined, where: string, c?: Parameters<typeof describeContainer>[0]) => {
      if (!opts) return;
      for (const key of ['user', 'role']) {
        const p = opts.pairOf(key);
        if (p && opts.str(key)) ctx.report({ at: p, container: c, condition: key, message: `${where} sets a custom SELinux ${key} (${opts.str(key)})` });
      }
      const t = opts.pairOf('type');
      const tv = opts.str('type');
      if (t && tv && !allowed.includes(tv)) ctx.report({ at: t, container: c, condition: 'type', message: `${where} uses SELinux type ${tv}, outside ${allowed.join(', ')}` });
    };
    inspect(podContext(pod)?.map('seLinuxOptions'), 'pod');
    eachContainer(ctx, (c) => inspect(containerContext(c)?.map('seLinuxOptions'), describeContainer(c), c));
  },
});
