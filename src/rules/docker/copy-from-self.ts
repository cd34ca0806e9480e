import { defineDockerfileRule } from '../../core/docker/analyze.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/copy-from-self',
    title: 'COPY --from its own stage',
    severity: 'medium',
    target: 'dockerfile',
    catalog: ['D41'],
    description: 'A stage cannot copy from itself; the build fails, or resolves the name to an image with the same name.',
    remediation: 'Copy from the stage that produced the files.',
    references: ['hadolint:DL3023', 'trivy:DS-0006', 'kics:cdddb86f-95f6-4fc4-b5a1-483d9afceb2b'],
    fix: { available: false, note: 'The intended stage is the owner\'s knowledge.' },
  },
  check(ctx) {
    for (const i of ctx.model.instructions) {
      if (i.keyword !== 'COPY' || !i.stage) continue;
      const f = i.flags.find((x) => x.name === 'from');
      if (f?.value && (f.value.toLowerCase() === i.stage.alias?.toLowerCase() || f.value === String(i.stage.index))) ctx.report({ at: f, message: `COPY --from=${f.value} refers to the stage it is in` });
    }
  },
});
