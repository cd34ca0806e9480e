// Factory for "more than one X per stage" checks (CMD, ENTRYPOINT, HEALTHCHECK): only the last applies.

import { defineDockerfileRule, type DockerfileRule } from '../../core/docker/analyze.js';
import type { RuleMeta } from '../../core/rule.js';
import type { Stage } from '../../core/docker/model.js';

export function duplicateInstructionRule(keyword: string, meta: Omit<RuleMeta, 'target' | 'conditions'>): DockerfileRule {
  // hadolint (DL3012, DL4003, DL4004) and Trivy (DS-0007, DS-0016, DS-0023) check every stage;
  // KICS's queries are cited only where riskgate's own reading (the final image) holds.
  const everyStage = meta.references.filter((r) => r.startsWith('hadolint:') || r.startsWith('trivy:'));
  return defineDockerfileRule({
    meta: {
      ...meta,
      target: 'dockerfile',
      decisions: `A stage the final image builds on (its FROM chain) is reported as the image's own: only the last ${keyword} there takes effect. A duplicate in a builder stage the image does not keep is reported too, on its own condition (its ${keyword} never runs in the image; hadolint and Trivy check every stage alike).`,
      conditions: [
        { id: 'final', when: `more than one ${keyword} in a stage of the final image`, references: meta.references },
        { id: 'builder', when: `more than one ${keyword} in a builder stage the final image does not build on`, references: everyStage },
      ],
    },
    check(ctx) {
      const lineage = new Set<Stage>();
      for (let s: Stage | null = ctx.model.stages[ctx.model.stages.length - 1] ?? null; s; s = s.parent) lineage.add(s);
      for (const stage of ctx.model.stages) {
        const list = stage.instructions.filter((i) => i.keyword === keyword);
        const builder = !lineage.has(stage);
        for (const i of list.slice(0, -1))
          ctx.report({
            at: { start: i.start, end: i.keywordEnd },
            condition: builder ? 'builder' : 'final',
            message: `${keyword} at line ${i.line} is overridden by the ${keyword} at line ${list[list.length - 1].line}; only the last one applies${builder ? ` (in builder stage ${stage.alias ?? stage.index}, which the final image does not keep)` : ''}`,
          });
      }
    },
  });
}
