// Factory for the pod-level boolean switches that open a host namespace (hostPID, hostIPC, hostNetwork).

import { defineKubeRule, isTrue, type KubeRule } from '../../core/k8s/kube-rule.js';
import { removePair } from '../../core/fix/yaml-edit.js';
import type { RuleMeta } from '../../core/rule.js';

export function podFlagRule(field: string, meta: Omit<RuleMeta, 'target'>, message: string): KubeRule {
  return defineKubeRule({
    meta: { ...meta, target: 'kubernetes' },
    check(ctx) {
      const p = ctx.object.pod?.spec.pairOf(field);
      if (p && isTrue(p.value)) ctx.report({ at: p, message, fix: { description: `Remove ${field}: true`, edits: [removePair(p, ctx.style)] } });
    },
  });
}
