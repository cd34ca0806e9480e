import { defineDockerfileRule } from '../../core/docker/analyze.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/duplicate-stage-alias',
    title: 'Two stages with the same name',
    severity: 'medium',
    target: 'dockerfile',
    catalog: ['D42'],
    description: 'When two stages share a name, `COPY --from` and `--target` pick one of them, and which one is not what a reader assumes.',
    remediation: 'Give each stage a unique name.',
    references: ['hadolint:DL3024', 'trivy:DS-0012', 'checkov:CKV_DOCKER_11', 'kics:f2daed12-c802-49cd-afed-fe41d0b82fed'],
    fix: { available: false, note: 'Renaming affects references.' },
  },
  check(ctx) {
    const seen = new Map<string, number>();
    for (const s of ctx.model.stages) {
      if (!s.alias) continue;
      const k = s.alias.toLowerCase();
      if (seen.has(k)) ctx.report({ at: s.aliasSpan ?? s.from, message: `stage name "${s.alias}" is already used by the stage at line ${seen.get(k)}` });
      else seen.set(k, s.from.line);
    }
  },
});
