import { defineDockerfileRule } from '../../core/docker/analyze.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/reserved-stage-name',
    title: 'Stage named like a reserved image',
    severity: 'low',
    target: 'dockerfile',
    catalog: ['D43'],
    description: '`scratch` and `context` mean something to the builder; a stage with that name makes `FROM scratch` or `COPY --from=context` ambiguous.',
    remediation: 'Rename the stage.',
    references: ['hadolint:DL3063'],
    fix: { available: false, note: 'Renaming affects references.' },
  },
  check(ctx) {
    for (const s of ctx.model.stages) if (s.alias && /^(scratch|context)$/i.test(s.alias)) ctx.report({ at: s.aliasSpan ?? s.from, message: `stage name "${s.alias}" is reserved` });
  },
});
