// Factory for "more than one X per stage" checks (CMD, ENTRYPOINT, HEALTHCHECK): only the last applies.

import { defineDockerfileRule, type DockerfileRule } from '../../core/docker/analyze.js';
import type { RuleMeta } from '../../core/rule.js';
import type { Stage } from '../../core/docker/model.js';

export function duplicateInstructionRule(keyword: string, meta: Omit<RuleMeta, 'target'>): DockerfileRule {
  return defineDockerfileRule({
    meta: { ...meta, target: 'dockerfile' },
    check(ctx) {
      // Only stages that end up in the final image: a builder stage's CMD never runs.
      const lineage: Stage[] = [];
      for (let s: Stage | null = ctx.model.stages[ctx.model.stages.length - 1] ?? null; s; s = s.parent) lineage.push(s);
      for (const stage of lineage) {
        const list = stage.instructions.filter((i) => i.keyword === keyword);
        for (const i of list.slice(0, -1)) ctx.report({ at: { start: i.start, end: i.keywordEnd }, message: `${keyword} at line ${i.line} is overridden by the ${keyword} at line ${list[list.length - 1].line}; only the last one applies` });
      }
    },
  });
}
