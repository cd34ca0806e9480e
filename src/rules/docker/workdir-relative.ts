import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { instructions } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/workdir-relative',
    title: 'WORKDIR is not absolute',
    severity: 'medium',
    target: 'dockerfile',
    catalog: ['D30'],
    description: 'A relative WORKDIR depends on every WORKDIR before it, including the base image\'s; a change upstream moves the application.',
    remediation: 'Use an absolute path: `WORKDIR /app`.',
    references: ['hadolint:DL3000', 'trivy:DS-0009', 'checkov:CKV_DOCKER_10', 'kics:6b376af8-cfe8-49ab-a08d-f32de23661a4'],
    fix: { available: false, note: 'The intended absolute path is the owner\'s knowledge.' },
  },
  check(ctx) {
    for (const i of instructions(ctx.model, 'WORKDIR')) {
      const v = i.args[0]?.value.replace(/^(["'])(.*)\1$/, '$2');
      // As written, without quotes: Docker's escape processing drops the backslash of `"C:\"`.
      const written = i.args[0] ? ctx.model.file.text.slice(i.args[0].start, i.args[0].end).replace(/^["']+|["']+$/g, '') : '';
      if (v && !v.startsWith('/') && !v.startsWith('$') && !/^[A-Za-z]:/.test(written)) ctx.report({ at: i.args[0], message: `WORKDIR ${v} is relative` });
    }
  },
});
