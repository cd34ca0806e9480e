import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { commandsNamed } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/chpasswd',
    title: 'Password set in the image',
    severity: 'high',
    target: 'dockerfile',
    catalog: ['D06'],
    description: 'Setting a password with `chpasswd` (or `passwd --stdin`) bakes the credential into the image history and gives every container a login that works the same everywhere.',
    remediation: 'Do not set passwords in images; lock accounts (`useradd --no-log-init`, no password) and use keys or the orchestrator for access.',
    references: ['checkov:CKV2_DOCKER_17'],
    fix: { available: false, note: 'The account setup must change.' },
  },
  check(ctx) {
    for (const { cmd } of commandsNamed(ctx.model, 'chpasswd')) ctx.report({ at: cmd.words[0], message: 'RUN sets a password with chpasswd' });
    for (const { cmd } of commandsNamed(ctx.model, 'passwd')) if (cmd.args.some((w) => w.value === '--stdin')) ctx.report({ at: cmd.words[0], message: 'RUN sets a password with passwd --stdin' });
  },
});
