import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { commandsNamed } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/sudo',
    title: 'sudo in RUN',
    severity: 'high',
    target: 'dockerfile',
    catalog: ['D02'],
    description: 'Build steps already run as the current `USER`; `sudo` in a RUN means the image ships sudo and a user allowed to use it, a ready-made privilege escalation at run time.',
    remediation: 'Switch with `USER root` for the privileged steps and back to the unprivileged user afterwards; uninstall sudo.',
    references: ['hadolint:DL3004', 'trivy:DS-0010', 'checkov:CKV2_DOCKER_1', 'kics:8ada6e80-0ade-439e-b176-0b28f6bce35a'],
    fix: { available: false, note: 'The USER switches depend on the build.' },
  },
  check(ctx) {
    for (const { cmd } of commandsNamed(ctx.model, 'sudo', 'doas')) ctx.report({ at: cmd.words[0], message: `RUN uses ${cmd.name}` });
  },
});
