import { defineDockerfileRule } from '../../core/docker/analyze.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/copy-from-undefined',
    title: 'COPY --from names no earlier stage',
    severity: 'medium',
    target: 'dockerfile',
    catalog: ['D40'],
    description: '`COPY --from=x` where `x` is not an earlier stage is pulled as an image named `x` from a registry: a typo becomes a supply-chain dependency on whoever owns that name.',
    remediation: 'Name an earlier stage (`FROM … AS x`), or write the full image reference with a tag or digest.',
    decisions: 'A value that looks like an image reference (has a registry, tag or digest) is an image on purpose and not reported. Numeric stage indexes must name an earlier stage, and by default are reported even then, as KICS does, since they break silently when stages are added.',
    params: { flagStageIndexes: { type: 'boolean', default: true, description: 'Also report `--from=<number>`, which breaks silently when a stage is inserted (KICS "Using Unnamed Build Stages").' } },
    references: ['hadolint:DL3022', 'kics:68a51e22-ae5a-4d48-8e87-b01a323605c9'],
    conditions: [
      { id: 'undefined', when: 'COPY --from names no earlier stage (by name or by a position past the stages before it)', references: ['hadolint:DL3022'] },
      { id: 'index', when: 'COPY --from names an earlier stage by its position', references: ['kics:68a51e22-ae5a-4d48-8e87-b01a323605c9'] },
    ],
    fix: { available: false, note: 'The intended stage is the owner\'s knowledge.' },
  },
  check(ctx) {
    for (const i of ctx.model.instructions) {
      if (i.keyword !== 'COPY') continue;
      const f = i.flags.find((x) => x.name === 'from');
      if (!f || !f.value || f.value.includes('$')) continue;
      const v = f.value;
      const earlier = ctx.model.stages.filter((s) => s.from.index < i.index);
      if (/^\d+$/.test(v)) {
        if (Number(v) >= earlier.length) ctx.report({ at: f, condition: 'undefined', message: `COPY --from=${v}: there is no stage ${v} before this instruction` });
        else if (ctx.params.flagStageIndexes) ctx.report({ at: f, condition: 'index', message: `COPY --from=${v} refers to a stage by position; name the stage (FROM … AS name), or inserting a stage breaks this` });
        continue;
      }
      if (earlier.some((s) => s.alias?.toLowerCase() === v.toLowerCase())) continue;
      if (/[:@/.]/.test(v)) continue; // an image reference
      ctx.report({ at: f, condition: 'undefined', message: `COPY --from=${v} names no earlier stage; it will be pulled as an image called "${v}"` });
    }
  },
});
