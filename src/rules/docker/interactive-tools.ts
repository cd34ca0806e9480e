import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { commandsNamed } from './helpers.js';

const TOOLS = ['ssh', 'vim', 'vi', 'nano', 'shutdown', 'reboot', 'service', 'ps', 'free', 'top', 'htop', 'kill', 'killall', 'mount', 'ifconfig'];

export default defineDockerfileRule({
  meta: {
    id: 'docker/interactive-tools',
    title: 'Interactive or host administration tool run in RUN',
    severity: 'info',
    target: 'dockerfile',
    catalog: ['D12'],
    description: 'Commands such as `ssh`, `vim`, `service`, `shutdown`, `mount` or `ps` make no sense in a non-interactive build step and usually mean the image is treated like a VM.',
    remediation: 'Remove the command; configure services in the image and let the orchestrator run them.',
    references: ['hadolint:DL3001', 'kics:9b6b0f38-92a2-41f9-b881-3a1083d99f1b'],
    fix: { available: false, note: 'The intent of the command must be reconsidered.' },
  },
  check(ctx) {
    for (const { cmd } of commandsNamed(ctx.model, ...TOOLS)) ctx.report({ at: cmd.words[0], message: `RUN runs ${cmd.name}, which does not belong in an image build` });
  },
});
