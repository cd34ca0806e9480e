import { defineDockerfileRule } from '../../core/docker/analyze.js';
import type { Instr } from '../../core/docker/model.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/consecutive-copy',
    title: 'Consecutive COPY or ADD to one destination',
    severity: 'info',
    target: 'dockerfile',
    catalog: ['D29'],
    description: 'COPY (or ADD) instructions on consecutive lines that copy to the same destination with the same flags are one layer each where one instruction with several sources would do.',
    remediation: 'List the sources in one instruction: `COPY a b c ./dest/`.',
    decisions:
      'As KICS "Multiple RUN, ADD, COPY, Instructions Listed" for COPY and ADD: instructions on consecutive lines (a blank line or a comment between them separates them, as it does for KICS), the same keyword, destination and flags (`--from`, `--chown`, … must match, or they cannot be joined). Reported once, at the first instruction of each run. Consecutive RUNs are docker/consecutive-run.' +
      ' Two ADDs to the same destination on consecutive lines are reported even where KICS\'s own test case expects no finding: its query matches them too.',
    references: ['kics:0008c003-79aa-42d8-95b8-1c2fe37dbfe6'],
    fix: { available: false, note: 'Joining changes layer boundaries and cache behaviour; the owner decides.' },
  },
  check(ctx) {
    const dest = (i: Instr) => {
      const args = i.json ?? i.args;
      return args.length >= 2 ? args[args.length - 1].value : null;
    };
    const flagsOf = (i: Instr) => i.flags.map((f) => `${f.name}=${f.value ?? ''}`).sort().join(' ');
    const joinable = (a: Instr, b: Instr) => a.keyword === b.keyword && (a.keyword === 'COPY' || a.keyword === 'ADD') && b.line - a.line === 1 && dest(a) !== null && dest(a) === dest(b) && flagsOf(a) === flagsOf(b);
    for (const stage of ctx.model.stages) {
      const list = stage.instructions;
      for (let k = 0; k + 1 < list.length; k++) {
        if (!joinable(list[k], list[k + 1]) || (k > 0 && joinable(list[k - 1], list[k]))) continue;
        let n = 2;
        while (k + n < list.length && joinable(list[k + n - 1], list[k + n])) n++;
        ctx.report({ at: { start: list[k].start, end: list[k].keywordEnd }, message: `${n} ${list[k].keyword} instructions in a row copy to ${dest(list[k])}; one ${list[k].keyword} with all the sources would do` });
      }
    }
  },
});
