import { YScalar } from '../../core/yaml/ast.js';
import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { containerContext } from '../../core/k8s/security-context.js';
import { replaceScalar } from '../../core/fix/yaml-edit.js';
import { describeContainer, eachContainer } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/unmasked-proc-mount',
    title: 'Unmasked /proc',
    severity: 'high',
    target: 'kubernetes',
    catalog: ['K23'],
    description: '`procMount: Unmasked` removes the masks the runtime puts on sensitive `/proc` and `/sys` paths (kcore, sysrq-trigger, …), which exposes host information and controls.',
    remediation: 'Remove `procMount` or set it to `Default`.',
    references: ['trivy:KSV-0027', 'kube-linter:unsafe-proc-mount', 'polaris:procMount'],
    decisions: 'KICS\'s "Container with unmasked /proc access" (f922827f) is not cited: its query reads a PodSecurityPolicy\'s `allowedProcMountTypes`, not a container\'s `procMount`, and PodSecurityPolicy was removed in Kubernetes 1.25.',
    fix: { available: true, note: 'Sets `procMount: Default`.', unsafe: true },
  },
  check(ctx) {
    eachContainer(ctx, (c) => {
      const sc = containerContext(c);
      const p = sc?.pairOf('procMount');
      if (p && sc?.str('procMount') === 'Unmasked') ctx.report({ at: p, container: c, message: `${describeContainer(c)} mounts /proc unmasked`, fix: { description: 'Set procMount: Default', edits: [replaceScalar(p.value as YScalar, 'Default', ctx.style)] } });
    });
  },
});
