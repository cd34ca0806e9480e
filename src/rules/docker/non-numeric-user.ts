import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { finalStage } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/non-numeric-user',
    title: 'USER is a name, not a UID',
    severity: 'info',
    target: 'dockerfile',
    catalog: ['D15'],
    description: 'Kubernetes\' `runAsNonRoot` can only verify a numeric UID: with `USER app` the kubelet refuses to start the pod (or the check must be relaxed). A numeric UID also avoids surprises when `/etc/passwd` differs between stages.',
    remediation: 'Use the numeric UID (and GID): `USER 10001:10001`.',
    references: ['hadolint:DL3066'],
    fix: { available: false, note: 'The UID must be looked up in the image.' },
  },
  check(ctx) {
    const stage = finalStage(ctx.model);
    for (const i of stage?.instructions ?? []) {
      if (i.keyword !== 'USER' || !i.args[0]) continue;
      const user = i.args[0].value.split(':')[0];
      if (!/^\d+$/.test(user) && !user.startsWith('$') && user !== 'root') ctx.report({ at: i.args[0], message: `USER ${i.args[0].value} is a name; runAsNonRoot cannot verify it` });
    }
  },
});
