import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { finalStage } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/healthcheck-missing',
    title: 'No HEALTHCHECK',
    severity: 'low',
    target: 'dockerfile',
    catalog: ['D34'],
    enabledByDefault: false,
    description: 'Without a HEALTHCHECK, Docker and Compose cannot tell a hung container from a healthy one.',
    remediation: 'Add `HEALTHCHECK CMD …` to the final stage (Kubernetes ignores it and uses probes instead).',
    decisions: 'Off by default, as in hadolint: Kubernetes ignores HEALTHCHECK, so for images deployed there it is noise. Enable it for images run by Docker or Compose.',
    references: ['hadolint:DL3057', 'trivy:DS-0026', 'checkov:CKV_DOCKER_2', 'kics:b03a748a-542d-44f4-bb86-9199ab4fd2d5'],
    fix: { available: false, note: 'The health command is application-specific.' },
  },
  check(ctx) {
    const stage = finalStage(ctx.model);
    if (!stage || stage.image === 'scratch') return;
    for (let s: typeof stage | null = stage; s; s = s.parent) if (s.instructions.some((i) => i.keyword === 'HEALTHCHECK')) return;
    ctx.report({ at: stage.from, message: 'the final image defines no HEALTHCHECK' });
  },
});
