import { defineDockerfileRule } from '../../core/docker/analyze.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/copy-relative-dest',
    title: 'COPY to a relative destination without WORKDIR',
    severity: 'low',
    target: 'dockerfile',
    catalog: ['D32'],
    description: 'A relative COPY destination is relative to the WORKDIR; with none set in the stage it depends on the base image, and files land somewhere unexpected.',
    remediation: 'Set `WORKDIR` before the COPY, or use an absolute destination.',
    references: ['hadolint:DL3045'],
    fix: { available: false, note: 'The intended destination is the owner\'s knowledge.' },
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      let workdir = false;
      for (let s = stage.parent; s && !workdir; s = s.parent) workdir = s.instructions.some((i) => i.keyword === 'WORKDIR');
      for (const i of stage.instructions) {
        if (i.keyword === 'WORKDIR') workdir = true;
        if ((i.keyword !== 'COPY' && i.keyword !== 'ADD') || workdir || i.args.length < 2) continue;
        const dest = i.args[i.args.length - 1];
        if (!dest.value.startsWith('/') && !dest.value.startsWith('$') && !/^[A-Za-z]:[\\/]/.test(dest.value)) ctx.report({ at: dest, message: `${i.keyword} to relative destination ${dest.value} with no WORKDIR set` });
      }
    }
  },
});
