// What every rule declares about itself. The rule docs, `riskgate rules`, SARIF rule metadata
// and suppression mapping are all generated from this, never written twice.

import type { FileType, Severity } from './types.js';

export type ParamType = 'string' | 'number' | 'boolean' | 'string[]';

export interface ParamSpec {
  type: ParamType;
  default: string | number | boolean | string[];
  description: string;
}

export interface RuleMeta {
  /** `k8s/<name>` or `docker/<name>`; stable, used in suppressions and config. */
  id: string;
  title: string;
  severity: Severity;
  /** What is wrong and why it matters (Markdown). */
  description: string;
  /** What to do about it (Markdown). */
  remediation: string;
  /** Peer IDs for the same check: `trivy:KSV-0017`, `checkov:CKV_K8S_16`, `kube-linter:privileged-container`, … */
  references: string[];
  /** Rows of the peer catalog this rule covers (K01…, D01…). */
  catalog: string[];
  target: FileType | 'any';
  params?: Record<string, ParamSpec>;
  /** Rules that are opinionated or need context a partial scan lacks are off unless configured. */
  enabledByDefault?: boolean;
  /**
   * Why the rule has no automatic fix, or what its fix does. `unsafe`: the fix can change how the
   * image builds or the workload runs (a privileged container losing its devices, a root process
   * losing its user): reviews offer it marked "check before applying", and `riskgate fix` applies it
   * only with --unsafe-fixes. Every rule with a fix says which it is.
   */
  fix?: { available: boolean; note: string; unsafe?: boolean };
  /** Where peers disagree and which reading riskgate takes (shown in the rule doc). */
  decisions?: string;
}

export type Params = Record<string, string | number | boolean | string[]>;

export function defaultParams(meta: RuleMeta): Params {
  const out: Params = {};
  for (const [k, spec] of Object.entries(meta.params ?? {})) out[k] = spec.default;
  return out;
}

export function isEnabledByDefault(meta: RuleMeta): boolean {
  return meta.enabledByDefault !== false;
}
