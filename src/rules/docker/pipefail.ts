import { defineDockerfileRule } from '../../core/docker/analyze.js';
import type { Instr, Stage } from '../../core/docker/model.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/pipefail',
    title: 'Piped RUN without pipefail',
    severity: 'medium',
    target: 'dockerfile',
    catalog: ['D13'],
    description: 'A RUN with a pipe succeeds when the last command does: `curl … | sh` passes the build even when the download failed, and `wget … | tar x` installs half a file.',
    remediation: 'Before the RUN, set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (or use `set -o pipefail &&` in the RUN).',
    decisions: 'Only piped RUNs count. A shell without pipefail support (`/bin/sh` on Alpine before 3.x busybox ash supports it) is still asked for it, as hadolint does.' +
      ' `RUN pwsh … | …` without a SHELL instruction runs in /bin/sh, where the pipe is a POSIX pipe, so it is reported; KICS skips RUNs that start a PowerShell.',
    references: ['hadolint:DL4006', 'kics:efbf148a-67e9-42d2-ac47-02fa1c0d0b22'],
    fix: { available: true, note: 'Inserts `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN when the base image is known to ship bash (Debian, Ubuntu and the language images built on them), `["/bin/ash", …]` on Alpine; otherwise remediation text only.', unsafe: true },
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      let pipefail = stage.parent ? shellHasPipefail(stage.parent.instructions) : false;
      for (const i of stage.instructions) {
        if (i.keyword === 'SHELL') pipefail = shellHasPipefail([i]);
        if (i.keyword !== 'RUN' || !i.shell || i.json || i.shell.pipes.length === 0 || pipefail) continue;
        const inline = i.shell.commands.some((c) => c.name === 'set' && c.args.some((w, k) => (w.value === '-o' && c.args[k + 1]?.value === 'pipefail') || /^-[a-z]*o$/.test(w.value) && c.args[k + 1]?.value === 'pipefail' || w.value === '-eo'));
        if (inline) continue;
        const pipe = i.shell.pipes[0];
        const root = rootImage(stage);
        // busybox ash (Alpine) supports pipefail; the others here ship bash.
        const shell = /(^|\/)(alpine|busybox)(:|@|$)/.test(root ?? '') ? '/bin/ash' : /(^|\/)(debian|ubuntu|node|python|golang|ruby|php|openjdk|eclipse-temurin|amazoncorretto|rust|maven|gradle|nginx|httpd|postgres|redis|buildpack-deps)(:|@|$)/.test(root ?? '') ? '/bin/bash' : null;
        const lineStart = ctx.model.file.text.lastIndexOf('\n', i.start - 1) + 1;
        const indent = ctx.model.file.text.slice(lineStart, i.start);
        const eol = ctx.model.file.text.includes('\r\n') ? '\r\n' : '\n';
        ctx.report({
          at: { start: pipe, end: pipe + 1 },
          message: 'RUN pipes commands without pipefail: a failure before the pipe is ignored',
          fix: shell ? { description: `Set SHELL ["${shell}", "-o", "pipefail", "-c"] before the RUN`, edits: [{ start: lineStart, end: lineStart, text: `${indent}SHELL ["${shell}", "-o", "pipefail", "-c"]${eol}` }] } : undefined,
        });
        pipefail = shell !== null; // one SHELL covers the RUNs after it
      }
    }
  },
});

function rootImage(stage: Stage): string | null {
  let s: Stage = stage;
  while (s.parent) s = s.parent;
  return s.image;
}

function shellHasPipefail(instrs: Instr[]): boolean {
  const shells = instrs.filter((i) => i.keyword === 'SHELL');
  const last = shells[shells.length - 1];
  return !!last?.json?.some((a, k, all) => a.value === 'pipefail' && /^-[a-z]*o$/.test(all[k - 1]?.value ?? ''));
}
