import { allInstructions } from './helpers.js';
import { defineDockerfileRule } from '../../core/docker/analyze.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/chown-flag',
    title: 'COPY/ADD gives files to the runtime user',
    severity: 'low',
    target: 'dockerfile',
    catalog: ['D14'],
    enabledByDefault: false,
    description: '`--chown` makes the copied files writable by the user the container runs as, so a compromised process can rewrite its own code. Most applications only need to read and execute them.',
    remediation: 'Leave files owned by root and readable by all; use `--chmod` for execute bits. Give the runtime user only the directories it writes to.',
    decisions: 'KICS flags every `--chown`. Giving ownership is often deliberate (writable data directories), so the rule is off by default.',
    references: ['kics:aa93e17f-b6db-4162-9334-c70334e7ac28'],
    fix: { available: false, note: 'Which paths must be writable is the owner\'s knowledge.' },
  },
  check(ctx) {
    for (const i of allInstructions(ctx.model)) {
      if (i.keyword !== 'COPY' && i.keyword !== 'ADD') continue;
      const f = i.flags.find((x) => x.name === 'chown');
      if (f) ctx.report({ at: f, message: `${i.keyword} --chown=${f.value ?? ''} makes the copied files owned by that user` });
    }
  },
});
