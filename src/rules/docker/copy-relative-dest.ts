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
    decisions: 'As hadolint DL3045: a destination in quotes is read without them, and one that starts with a variable (`"$DEST"`, `${DEST}`) or a Windows drive (`c:\\app`) is not relative. ADD is checked too, on its own condition: hadolint checks only COPY.',
    conditions: [
      { id: 'copy', when: 'COPY to a relative destination with no WORKDIR in the stage or the stages it builds on', references: ['hadolint:DL3045'] },
      { id: 'add', when: 'ADD to a relative destination with no WORKDIR', references: [] },
    ],
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
        // As written (Docker's escape processing drops the backslashes of `c:\app`), without quotes.
        const written = ctx.model.file.text.slice(dest.start, dest.end).replace(/^["']+|["']+$/g, '');
        if (written.startsWith('/') || written.startsWith('$') || /^[A-Za-z]:/.test(written)) continue;
        ctx.report({ at: dest, condition: i.keyword === 'COPY' ? 'copy' : 'add', message: `${i.keyword} to relative destination ${dest.value} with no WORKDIR set` });
      }
    }
  },
});
