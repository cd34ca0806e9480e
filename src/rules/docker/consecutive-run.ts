import { defineDockerfileRule } from '../../core/docker/analyze.js';
import type { Instr } from '../../core/docker/model.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/consecutive-run',
    title: 'Consecutive RUN instructions',
    severity: 'info',
    target: 'dockerfile',
    catalog: ['D29'],
    description: 'Each RUN is a layer. Consecutive RUNs that belong together make the image larger and leave intermediate files (caches, downloaded archives) in earlier layers.',
    remediation: 'Join related commands with `&&` in one RUN.',
    decisions: 'As hadolint DL3059 (on by default there, at info level): comments between the RUNs do not separate them; RUNs with different flags (`--mount`, `--network`) are not joinable; and when either RUN already chains commands (`&&`, `;`, a pipe or a list) the split is taken as deliberate: only two single-command RUNs in a row are reported.',
    references: ['hadolint:DL3059', 'kics:0008c003-79aa-42d8-95b8-1c2fe37dbfe6'],
    fix: { available: false, note: 'Which commands belong together is the owner\'s call.' },
  },
  check(ctx) {
    const commands = (i: Instr) => (i.shell?.commands ?? []).filter((c) => c.via === null).length;
    const flagsOf = (i: Instr) => i.flags.map((f) => `${f.name}=${f.value ?? ''}`).sort().join(' ');
    for (const stage of ctx.model.stages) {
      let prev: Instr | null = null;
      for (const i of stage.instructions) {
        if (i.keyword !== 'RUN') {
          prev = null;
          continue;
        }
        if (prev && flagsOf(prev) === flagsOf(i) && commands(prev) <= 1 && commands(i) <= 1)
          ctx.report({ at: { start: i.start, end: i.keywordEnd }, message: 'RUN directly after another RUN; consider joining them' });
        prev = i;
      }
    }
  },
});
