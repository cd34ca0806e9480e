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
    conditions: [
      { id: 'none', when: 'no HEALTHCHECK anywhere in the Dockerfile', references: ['hadolint:DL3057', 'trivy:DS-0026', 'checkov:CKV_DOCKER_2', 'kics:b03a748a-542d-44f4-bb86-9199ab4fd2d5'] },
      { id: 'not-in-final', when: 'a stage has a HEALTHCHECK, but the final image neither has one nor builds on a stage that has', references: ['hadolint:DL3057'] },
    ],
    fix: { available: false, note: 'The health command is application-specific.' },
  },
  check(ctx) {
    const stage = finalStage(ctx.model);
    // A scratch image is checked too (hadolint does): its static binary can check itself.
    if (!stage) return;
    for (let s: typeof stage | null = stage; s; s = s.parent) if (s.instructions.some((i) => i.keyword === 'HEALTHCHECK')) return;
    // Trivy, Checkov and KICS look for a HEALTHCHECK anywhere in the file; hadolint per stage.
    const anywhere = ctx.model.instructions.some((i) => i.keyword === 'HEALTHCHECK');
    ctx.report({ at: stage.from, condition: anywhere ? 'not-in-final' : 'none', message: anywhere ? 'the final image defines no HEALTHCHECK (the one in another stage is not inherited)' : 'the final image defines no HEALTHCHECK' });
  },
});
