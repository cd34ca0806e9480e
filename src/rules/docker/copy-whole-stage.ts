import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { instructions } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/copy-whole-stage',
    title: 'Whole filesystem copied from another stage',
    severity: 'medium',
    target: 'dockerfile',
    catalog: ['D11'],
    description: '`COPY --from=<stage> / …` brings the builder\'s entire filesystem, compilers, caches and secrets included, into the image: what multi-stage builds exist to avoid.',
    remediation: 'Copy only the build outputs: `COPY --from=build /app/bin/server /usr/local/bin/server`.',
    references: ['hadolint:DL3067'],
    fix: { available: false, note: 'The needed paths are the owner\'s knowledge.' },
  },
  check(ctx) {
    for (const i of instructions(ctx.model, 'COPY')) {
      if (!i.flags.some((f) => f.name === 'from')) continue;
      const src = i.args.slice(0, -1).find((a) => a.value === '/' || a.value === '/.' || a.value === '/*');
      if (src) ctx.report({ at: src, message: 'COPY --from copies the whole filesystem of another stage' });
    }
  },
});
