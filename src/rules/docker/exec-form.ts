import { allInstructions } from './helpers.js';
import { defineDockerfileRule } from '../../core/docker/analyze.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/exec-form',
    title: 'CMD or ENTRYPOINT in shell form',
    severity: 'low',
    target: 'dockerfile',
    catalog: ['D38'],
    description: 'In shell form the process runs under `/bin/sh -c`, which does not forward SIGTERM: containers are killed after the grace period instead of shutting down cleanly, and the command line goes through shell expansion.',
    remediation: 'Use the JSON (exec) form: `CMD ["node", "server.js"]`.',
    decisions: '`CMD [python, app.py]` is not valid JSON, so Docker runs it in shell form and it is reported; KICS reads it as exec form.',
    references: ['hadolint:DL3025', 'kics:b86987e1-6397-4619-81d5-8807f2387c79'],
    fix: { available: false, note: 'Shell features in the command (variables, pipes) must be reworked.' },
  },
  check(ctx) {
    for (const i of allInstructions(ctx.model)) {
      if ((i.keyword !== 'CMD' && i.keyword !== 'ENTRYPOINT') || i.json || i.args.length === 0) continue;
      ctx.report({ at: { start: i.start, end: i.keywordEnd }, message: `${i.keyword} uses the shell form; signals will not reach the process` });
    }
  },
});
