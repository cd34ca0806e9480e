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
    decisions: 'Any destination counts: `COPY --from=build / /app` brings the builder\'s filesystem as surely as `/ /`. hadolint DL3067 fires only when the destination is `/` too, so only that condition cites it. Quotes around the paths are read off.',
    conditions: [
      { id: 'root-to-root', when: 'COPY --from of / to /', references: ['hadolint:DL3067'] },
      { id: 'root-elsewhere', when: 'COPY --from of / (or /., /*) to another destination', references: [] },
    ],
    fix: { available: false, note: 'The needed paths are the owner\'s knowledge.' },
  },
  check(ctx) {
    for (const i of instructions(ctx.model, 'COPY')) {
      if (!i.flags.some((f) => f.name === 'from')) continue;
      const bare = (v: string) => v.replace(/^["']+|["']+$/g, '');
      const src = i.args.slice(0, -1).find((a) => ['/', '/.', '/*'].includes(bare(a.value)));
      const dest = i.args[i.args.length - 1];
      if (src) ctx.report({ at: src, condition: bare(src.value) === '/' && bare(dest.value) === '/' ? 'root-to-root' : 'root-elsewhere', message: 'COPY --from copies the whole filesystem of another stage' });
    }
  },
});
