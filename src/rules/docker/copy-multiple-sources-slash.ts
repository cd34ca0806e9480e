import { allInstructions } from './helpers.js';
import { defineDockerfileRule } from '../../core/docker/analyze.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/copy-multiple-sources-slash',
    title: 'COPY of several sources to a destination without a trailing slash',
    severity: 'medium',
    target: 'dockerfile',
    catalog: ['D39'],
    description: 'With more than one source the destination must be a directory ending in `/`; otherwise the build fails.',
    remediation: 'End the destination with `/`.',
    references: ['hadolint:DL3021', 'trivy:DS-0011', 'kics:6db6e0c2-32a3-4a2e-93b5-72c35f4119db'],
    fix: { available: true, note: 'Appends `/` to the destination.', unsafe: false },
  },
  check(ctx) {
    for (const i of allInstructions(ctx.model)) {
      if (i.keyword !== 'COPY' && i.keyword !== 'ADD') continue;
      const args = i.json ?? i.args;
      if (args.length <= 2) continue;
      const dest = args[args.length - 1];
      const bare = dest.value.replace(/^["']+|["']+$/g, '');
      if (bare.endsWith('/') || bare.endsWith('\\') || bare.includes('$')) continue;
      // `COPY file:<digest> in <dest>` is how an image's history prints a COPY (Trivy scans
      // images that way and skips it): one source, not two.
      if (args.length === 3 && /^(file|multi):/.test(args[0].value) && args[1].value === 'in') continue;
      ctx.report({ at: dest, message: `${i.keyword} has ${args.length - 1} sources but the destination ${dest.value} does not end with /`, fix: i.json ? undefined : { description: 'End the destination with /', edits: [{ start: dest.end, end: dest.end, text: '/' }] } });
    }
  },
});
