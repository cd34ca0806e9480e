import { YScalar } from '../../core/yaml/ast.js';
import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { describeContainer, eachContainer, seqScalars } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/sudo-in-command',
    title: 'sudo in container command',
    severity: 'medium',
    target: 'kubernetes',
    catalog: ['K72'],
    description: 'A container that runs `sudo` expects to gain root at run time, so its image ships sudo and a user allowed to use it: a ready-made escalation path.',
    remediation: 'Do the privileged work at build time, or in an init container with exactly the privileges needed.',
    references: ['kubescape:C-0062'],
    fix: { available: false, note: 'The command must be redesigned.' },
  },
  check(ctx) {
    eachContainer(ctx, (c) => {
      for (const key of ['command', 'args']) {
        for (const s of seqScalars(c.node.get(key))) {
          if (/(^|[\s;&|(`])sudo(\s|$)/.test(String(s.value))) {
            ctx.report({ at: s, container: c, message: `${describeContainer(c)} runs sudo in its ${key}` });
            return;
          }
        }
        const v = c.node.get(key);
        if (v instanceof YScalar && /(^|[\s;&|(`])sudo(\s|$)/.test(String(v.value))) ctx.report({ at: v, container: c, message: `${describeContainer(c)} runs sudo in its ${key}` });
      }
    });
  },
});
