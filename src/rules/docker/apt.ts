import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { commandsNamed } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/apt',
    title: 'apt used instead of apt-get',
    severity: 'low',
    target: 'dockerfile',
    catalog: ['D19'],
    description: '`apt` is the interactive front end; its output and behaviour are not a stable interface ("WARNING: apt does not have a stable CLI interface") and it may prompt.',
    remediation: 'Use `apt-get` (and `apt-cache`) in scripts.',
    references: ['hadolint:DL3027', 'checkov:CKV_DOCKER_9', 'kics:b84a0b47-2e99-4c9f-8933-98bcabe2b94d'],
    fix: { available: true, note: 'Replaces `apt` with `apt-get`.', unsafe: false },
  },
  check(ctx) {
    for (const { cmd } of commandsNamed(ctx.model, 'apt')) {
      const w = cmd.words[0];
      ctx.report({ at: w, message: 'RUN uses apt; use apt-get in scripts', fix: w.value === 'apt' ? { description: 'Use apt-get', edits: [{ start: w.start, end: w.end, text: 'apt-get' }] } : undefined });
    }
  },
});
