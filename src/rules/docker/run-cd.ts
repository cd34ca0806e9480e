import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { commandsNamed } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/run-cd',
    title: 'cd in RUN instead of WORKDIR',
    severity: 'low',
    target: 'dockerfile',
    catalog: ['D31'],
    description: '`RUN cd /x && …` changes directory for that command only; the next instruction is back where it was, which is a common source of broken builds and commands run in the wrong place.',
    remediation: 'Use `WORKDIR /x`, or run the command with its directory option (`make -C`, `git -C`, `npm --prefix`).',
    decisions: 'A `cd` inside a subshell `( cd x && … )` or `sh -c` is scoped on purpose and not reported.',
    conditions: [
      { id: 'cd', when: 'a RUN uses cd (outside a subshell)', references: ['hadolint:DL3003', 'trivy:DS-0013'] },
      { id: 'cd-not-absolute', when: '… to a relative path or one with `..` (KICS leaves cd to a clean absolute path alone)', references: ['kics:f4a6bcd3-e231-4acf-993c-aa027be50d2e'] },
    ],
    references: ['hadolint:DL3003', 'trivy:DS-0013', 'kics:f4a6bcd3-e231-4acf-993c-aa027be50d2e'],
    fix: { available: false, note: 'Restructuring directories is the owner\'s call.' },
  },
  check(ctx) {
    for (const { instr, cmd } of commandsNamed(ctx.model, 'cd')) {
      if (cmd.via) continue;
      const text = ctx.model.file.text.slice(instr.body.start, cmd.start);
      if (/\(\s*$/.test(text) || (text.split('(').length > text.split(')').length)) continue; // in a subshell
      const target = cmd.args.find((w) => !w.value.startsWith('-'))?.value ?? '';
      const clean = target.startsWith('/') && !target.split('/').includes('..');
      ctx.report({ at: cmd.words[0], condition: clean ? ['cd'] : ['cd', 'cd-not-absolute'], message: 'RUN uses cd; use WORKDIR' });
    }
  },
});
