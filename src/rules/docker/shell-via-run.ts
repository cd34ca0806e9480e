import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { commandsNamed } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/shell-via-run',
    title: 'Default shell changed with RUN',
    severity: 'low',
    target: 'dockerfile',
    catalog: ['D13'],
    description: 'Replacing `/bin/sh` with `RUN ln -sf /bin/bash /bin/sh` changes the shell for every later process in the image, including package maintainer scripts, without saying so in the Dockerfile.',
    remediation: 'Use the `SHELL` instruction to choose the shell for RUN.',
    decisions: 'KICS flags the opposite ("Changing Default Shell Using SHELL Command"); riskgate follows hadolint (DL4005): `SHELL` is the explicit, build-only way.',
    references: ['hadolint:DL4005', 'kics:8a301064-c291-4b20-adcb-403fe7fd95fd'],
    fix: { available: false, note: 'The SHELL instruction must be chosen by the owner.' },
  },
  check(ctx) {
    for (const { cmd } of commandsNamed(ctx.model, 'ln')) {
      const target = cmd.args.filter((w) => !w.value.startsWith('-')).pop();
      if (target && /^\/bin\/sh$/.test(target.value)) ctx.report({ at: target, message: 'RUN replaces /bin/sh; use the SHELL instruction' });
    }
  },
});
