import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { commandsNamed } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/wget-and-curl',
    title: 'Both wget and curl used',
    severity: 'info',
    target: 'dockerfile',
    catalog: ['D26'],
    description: 'Using both download tools means shipping (and patching) both. Pick one.',
    remediation: 'Use one of them throughout the Dockerfile.',
    references: ['hadolint:DL4001', 'trivy:DS-0014', 'kics:fc775e75-fcfb-4c98-b2f2-910c5858b359'],
    fix: { available: false, note: 'Rewriting downloads is the owner\'s choice.' },
  },
  check(ctx) {
    const wget = commandsNamed(ctx.model, 'wget');
    const curl = commandsNamed(ctx.model, 'curl');
    if (!wget.length || !curl.length) return;
    const later = wget[0].cmd.start > curl[0].cmd.start ? wget[0] : curl[0];
    ctx.report({ at: later.cmd.words[0], message: `uses both wget and curl (${later.cmd.name} here, ${later === wget[0] ? 'curl' : 'wget'} earlier)` });
  },
});
