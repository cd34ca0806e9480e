import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { instructions } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/maintainer',
    title: 'MAINTAINER is deprecated',
    severity: 'info',
    target: 'dockerfile',
    catalog: ['D44'],
    description: 'MAINTAINER has been deprecated since Docker 1.13; the metadata belongs in a label.',
    remediation: 'Use `LABEL maintainer="…"` (or `org.opencontainers.image.authors`).',
    references: ['hadolint:DL4000', 'trivy:DS-0022', 'checkov:CKV_DOCKER_6', 'kics:99614418-f82b-4852-a9ae-5051402b741c'],
    fix: { available: true, note: 'Rewrites it as `LABEL maintainer="…"`.', unsafe: false },
  },
  check(ctx) {
    for (const i of instructions(ctx.model, 'MAINTAINER')) {
      const text = ctx.model.file.text;
      const value = text.slice(i.body.start, i.end).trim();
      ctx.report({ at: { start: i.start, end: i.keywordEnd }, message: 'MAINTAINER is deprecated; use LABEL maintainer=…', fix: { description: 'Use LABEL maintainer', edits: [{ start: i.start, end: i.end, text: `LABEL maintainer=${JSON.stringify(value.replace(/^"(.*)"$/s, '$1'))}` }] } });
    }
  },
});
