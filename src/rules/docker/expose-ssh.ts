import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { instructions } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/expose-ssh',
    title: 'SSH port exposed',
    severity: 'medium',
    target: 'dockerfile',
    catalog: ['D07'],
    description: 'Exposing port 22 means the image runs an SSH server: a second way in that bypasses the orchestrator\'s access control and audit.',
    remediation: 'Remove the SSH server and `EXPOSE 22`; use `docker exec` / `kubectl exec` for access.',
    references: ['trivy:DS-0004', 'checkov:CKV_DOCKER_1', 'kics:5907595b-5b6d-4142-b173-dbb0e73fbff8'],
    fix: { available: false, note: 'The SSH server must be removed.' },
  },
  check(ctx) {
    for (const i of instructions(ctx.model, 'EXPOSE')) for (const a of i.args) if (/^22(\/tcp)?$/i.test(a.value)) ctx.report({ at: a, message: 'EXPOSE 22 (SSH)' });
  },
});
