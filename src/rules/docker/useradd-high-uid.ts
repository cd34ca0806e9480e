import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { commandsNamed, hasOption, hasShortFlag } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/useradd-high-uid',
    title: 'useradd with a high UID and no -l',
    severity: 'info',
    target: 'dockerfile',
    catalog: ['D28'],
    description: 'useradd writes the lastlog and faillog databases as sparse files sized by UID; with a large UID and no `-l` (`--no-log-init`) the layer can grow by gigabytes.',
    remediation: 'Add `--no-log-init` (`-l`).',
    references: ['hadolint:DL3046'],
    fix: { available: true, note: 'Adds `--no-log-init`.', unsafe: false },
  },
  check(ctx) {
    for (const { cmd } of commandsNamed(ctx.model, 'useradd')) {
      const u = cmd.args.findIndex((w) => w.value === '-u' || w.value === '--uid' || /^--uid=/.test(w.value));
      if (u < 0) continue;
      const uid = cmd.args[u].value.includes('=') ? cmd.args[u].value.split('=')[1] : cmd.args[u + 1]?.value;
      if (!uid || !/^\d+$/.test(uid) || Number(uid) < 100000) continue;
      if (hasOption(cmd.args, '--no-log-init') || hasShortFlag(cmd.args, 'l')) continue;
      ctx.report({ at: cmd.words[0], message: `useradd -u ${uid} without --no-log-init creates a huge sparse lastlog`, fix: { description: 'Add --no-log-init', edits: [{ start: cmd.words[0].end, end: cmd.words[0].end, text: ' --no-log-init' }] } });
    }
  },
});
