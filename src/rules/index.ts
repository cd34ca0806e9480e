// The rule registry: every rule riskgate knows, for the engine, the CLI's `rules` command,
// the docs generator and SARIF.

import type { KubeRule } from '../core/k8s/kube-rule.js';
import type { DockerfileRule } from '../core/docker/analyze.js';
import type { RuleMeta } from '../core/rule.js';
import { KUBERNETES_RULES } from './k8s/index.js';
import { DOCKERFILE_RULES } from './docker/index.js';
import { suppressionReason } from './meta/suppression-reason.js';

export type AnyRule = KubeRule | DockerfileRule | { meta: RuleMeta };

export const META_RULES = { suppressionReason };

export const ALL_RULES: AnyRule[] = [...KUBERNETES_RULES, ...DOCKERFILE_RULES, suppressionReason];

export function ruleMetas(): RuleMeta[] {
  return ALL_RULES.map((r) => r.meta);
}
