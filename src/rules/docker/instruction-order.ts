import { defineDockerfileRule } from '../../core/docker/analyze.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/instruction-order',
    title: 'Instruction before the first FROM',
    severity: 'medium',
    target: 'dockerfile',
    catalog: ['D47'],
    description: 'Only parser directives, comments and ARG may come before the first FROM; anything else fails the build.',
    remediation: 'Move the instruction after `FROM`.',
    references: ['hadolint:DL3061'],
    fix: { available: false, note: 'The intended stage is the owner\'s knowledge.' },
  },
  check(ctx) {
    if (!ctx.model.stages.length) return; // a fragment (no FROM at all) is included into a Dockerfile elsewhere
    for (const i of ctx.model.instructions) {
      if (i.keyword === 'FROM') break;
      if (i.keyword !== 'ARG') ctx.report({ at: { start: i.start, end: i.keywordEnd }, message: `${i.keyword} before the first FROM` });
    }
  },
});
