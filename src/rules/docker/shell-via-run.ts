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
    decisions:
      'Follows hadolint (DL4005): `SHELL` is the explicit, build-only way. KICS\'s "Changing Default Shell Using RUN Command" reads only the first word of the RUN, so it is cited only when `ln` starts the RUN; its other case, a RUN that starts `powershell`, runs a PowerShell command and changes no default, and is not reported.',
    references: ['hadolint:DL4005', 'kics:8a301064-c291-4b20-adcb-403fe7fd95fd'],
    conditions: [
      { id: 'ln-first', when: 'the `ln` onto /bin/sh starts the RUN', references: ['hadolint:DL4005', 'kics:8a301064-c291-4b20-adcb-403fe7fd95fd'] },
      { id: 'ln-later', when: 'the `ln` onto /bin/sh comes after another command in the RUN', references: ['hadolint:DL4005'] },
    ],
    fix: { available: false, note: 'The SHELL instruction must be chosen by the owner.' },
  },
  check(ctx) {
    for (const { cmd, instr } of commandsNamed(ctx.model, 'ln')) {
      const target = cmd.args.filter((w) => !w.value.startsWith('-')).pop();
      const first = instr.shell?.commands[0] === cmd;
      if (target && /^\/bin\/sh$/.test(target.value)) ctx.report({ at: target, condition: first ? 'ln-first' : 'ln-later', message: 'RUN replaces /bin/sh; use the SHELL instruction' });
    }
  },
});
