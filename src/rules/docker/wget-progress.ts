import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { commandsNamed, hasOption, hasShortFlag } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/wget-progress',
    title: 'wget without --progress',
    severity: 'info',
    target: 'dockerfile',
    catalog: ['D27'],
    description: 'wget\'s default progress bar writes thousands of lines into build logs, hiding what matters.',
    remediation: 'Add `--progress=dot:giga` (or `-q`/`-nv`).',
    references: ['hadolint:DL3047'],
    fix: { available: true, note: 'Adds `--progress=dot:giga`.', unsafe: false },
  },
  check(ctx) {
    for (const { cmd } of commandsNamed(ctx.model, 'wget')) {
      if (hasOption(cmd.args, '--progress', '--quiet', '--no-verbose', '-o', '--output-file', '-a', '--append-output') || hasShortFlag(cmd.args, 'q') || hasOption(cmd.args, '-nv')) continue;
      ctx.report({ at: cmd.words[0], message: 'wget without --progress floods the build log', fix: { description: 'Add --progress=dot:giga', edits: [{ start: cmd.words[0].end, end: cmd.words[0].end, text: ' --progress=dot:giga' }] } });
    }
  },
});
