import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { parseImage } from '../k8s/helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/base-image-unpinned',
    title: 'Base image without a version',
    severity: 'medium',
    target: 'dockerfile',
    catalog: ['D16'],
    description: 'A `FROM` without a tag, or with `latest`, builds on whatever the tag points to today: builds are not reproducible and a compromised or broken upstream flows straight in.',
    remediation: 'Pin a version tag, and preferably the digest: `FROM node:22.11-bookworm-slim@sha256:…`.',
    decisions: 'Stage references (`FROM builder`), `scratch` and images whose name is only known at build time (`FROM ${BASE}` with no default) are not reported. No peer requires a digest; neither does this rule.',
    references: ['hadolint:DL3006', 'hadolint:DL3007', 'trivy:DS-0001', 'checkov:CKV_DOCKER_7', 'kics:9efb0b2d-89c9-41a3-91ca-dcc0aec911fd', 'kics:f45ea400-6bbe-4501-9fc7-1c3d75c32067'],
    conditions: [
      { id: 'untagged', when: 'the image has no tag', references: ['hadolint:DL3006', 'trivy:DS-0001', 'checkov:CKV_DOCKER_7', 'kics:9efb0b2d-89c9-41a3-91ca-dcc0aec911fd'] },
      { id: 'latest', when: 'the image\'s tag is latest', references: ['hadolint:DL3007', 'trivy:DS-0001', 'checkov:CKV_DOCKER_7', 'kics:f45ea400-6bbe-4501-9fc7-1c3d75c32067'] },
    ],
    fix: { available: false, note: 'The version to pin is the owner\'s choice.' },
  },
  check(ctx) {
    for (const s of ctx.model.stages) {
      if (!s.image || s.parent || s.image === 'scratch') continue;
      const img = parseImage(s.image);
      if (img.digest) continue;
      if (!img.tag) ctx.report({ at: s.imageSpan, condition: 'untagged', message: `base image ${s.image} has no tag (means latest)` });
      else if (img.tag === 'latest') ctx.report({ at: s.imageSpan, condition: 'latest', message: `base image ${s.image} uses the latest tag` });
    }
  },
});
