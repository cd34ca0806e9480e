import { defineDockerfileRule } from '../../core/docker/analyze.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/consecutive-run',
    title: 'Consecutive RUN instructions',
    severity: 'info',
    target: 'dockerfile',
    catalog: ['D29'],
    enabledByDefault: false,
    description: 'Each RUN is a layer. Consecutive RUNs that belong together make the image larger and leave intermediate files (caches, downloaded archives) in earlier layers.',
    remediation: 'Join related commands with `&&` in one RUN.',
    decisions: 'Splitting RUNs is often deliberate (layer caching), so this style rule is off by default, as it is informational in hadolint.',
    references: ['hadolint:DL3059', 'kics:0008c003-79aa-42d8-95b8-1c2fe37dbfe6'],
    fix: { available: false, note: 'Which commands belong together is the owner\'s call.' },
  },
  check(ctx) {
    const instrs = ctx.model.instructions;
    for (let k = 1; k < instrs.length; k++) {
      const a = instrs[k - 1];
      const b = instrs[k];
      if (a.keyword === 'RUN' && b.keyword === 'RUN' && a.stage === b.stage && a.flags.length === 0 && b.flags.length === 0) ctx.report({ at: { start: b.start, end: b.keywordEnd }, message: 'RUN directly after another RUN; consider joining them' });
    }
  },
});
