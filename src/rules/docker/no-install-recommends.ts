import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { APT_OPTIONS_WITH_VALUE, hasOption, runCommands, subcommand } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/no-install-recommends',
    title: 'apt-get install without --no-install-recommends',
    severity: 'info',
    target: 'dockerfile',
    catalog: ['D25'],
    description: 'By default apt-get also installs "recommended" packages: more size, and more software with its own vulnerabilities, that nobody asked for.',
    remediation: 'Add `--no-install-recommends` and list what you need explicitly.',
    references: ['hadolint:DL3015', 'trivy:DS-0029', 'kics:7384dfb2-fcd1-4fbf-91cd-6c44c318c33c'],
    fix: { available: true, note: 'Inserts `--no-install-recommends` after `install`.', unsafe: true },
  },
  check(ctx) {
    for (const { cmd } of runCommands(ctx.model)) {
      if (cmd.name !== 'apt-get') continue;
      const s = subcommand(cmd, APT_OPTIONS_WITH_VALUE);
      if (s?.sub.value !== 'install') continue;
      if (hasOption(cmd.args, '--no-install-recommends', /^-oAPT::Install-Recommends=(false|0)$/i)) continue;
      ctx.report({ at: s.sub, message: 'apt-get install without --no-install-recommends pulls in recommended packages', fix: { description: 'Add --no-install-recommends', edits: [{ start: s.sub.end, end: s.sub.end, text: ' --no-install-recommends' }] } });
    }
  },
});
