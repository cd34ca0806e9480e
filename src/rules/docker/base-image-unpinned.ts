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
    decisions: 'Stage references (`FROM builder`), `scratch` and images whose name is only known at build time (`FROM ${BASE}` with no default) are not reported. A tag that only a variable gives (`FROM alpine$TAG`) is reported when a default build has none: the variable is a global ARG without a default, or no global ARG declares it (FROM sees only global ARGs, and Docker expands the rest to nothing); such a finding cites Trivy DS-0001, which reads it the same way. `golang:${GOLANG_VERSION}` is not: without the ARG it is `golang:`, which does not build, so the ARG is required rather than the tag latest. No peer requires a digest; neither does this rule.',
    references: ['hadolint:DL3006', 'hadolint:DL3007', 'trivy:DS-0001', 'checkov:CKV_DOCKER_7', 'kics:9efb0b2d-89c9-41a3-91ca-dcc0aec911fd', 'kics:f45ea400-6bbe-4501-9fc7-1c3d75c32067'],
    conditions: [
      { id: 'untagged', when: 'the image has no tag', references: ['hadolint:DL3006', 'trivy:DS-0001', 'checkov:CKV_DOCKER_7', 'kics:9efb0b2d-89c9-41a3-91ca-dcc0aec911fd'] },
      { id: 'untagged-variable', when: 'the image has no tag in a build without --build-arg: its tag comes from a global ARG with no default, or a variable no global ARG declares', references: ['trivy:DS-0001'] },
      { id: 'latest', when: 'the image\'s tag is latest', references: ['hadolint:DL3007', 'trivy:DS-0001', 'checkov:CKV_DOCKER_7', 'kics:f45ea400-6bbe-4501-9fc7-1c3d75c32067'] },
    ],
    fix: { available: false, note: 'The version to pin is the owner\'s choice.' },
  },
  check(ctx) {
    for (const s of ctx.model.stages) {
      if (!s.image && !s.parent && s.imageUnset && /\$/.test(s.imageRaw)) {
        // Only the tag is variable: the name is known, the default build has no tag.
        const img = parseImage(s.imageUnset);
        const nameKnown = s.imageRaw.replace(/\$\{?\w+\}?$/, '') === s.imageUnset;
        // `golang:${GOLANG_VERSION}` without the ARG is `golang:`, which fails to build: the ARG is required, not a latest tag.
        if (nameKnown && !/[:@]$/.test(s.imageUnset) && !img.tag && !img.digest && s.imageUnset !== 'scratch' && !ctx.model.stages.some((x) => x.alias?.toLowerCase() === s.imageUnset.toLowerCase()))
          ctx.report({ at: s.imageSpan, condition: 'untagged-variable', message: `base image ${s.imageRaw} has no tag unless one is passed with --build-arg (a default build uses ${s.imageUnset}, the latest tag)` });
        continue;
      }
      if (!s.image || s.parent || s.image === 'scratch') continue;
      const img = parseImage(s.image);
      if (img.digest) continue;
      if (!img.tag) ctx.report({ at: s.imageSpan, condition: 'untagged', message: `base image ${s.image} has no tag (means latest)` });
      else if (img.tag === 'latest') ctx.report({ at: s.imageSpan, condition: 'latest', message: `base image ${s.image} uses the latest tag` });
    }
  },
});
