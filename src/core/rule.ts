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
  /**
   * For a rule that checks several conditions peers check separately (a CPU limit, a memory
   * request): each condition with the peer IDs whose own condition it is. A finding names its
   * condition and carries only those references; `references` is their union.
   */
  conditions?: RuleCondition[];
}

export interface RuleCondition {
  id: string;
  /** What is wrong, in a phrase: "resources.limits.cpu is not set". */
  when: string;
  references: string[];
}

export class UnknownCondition extends Error {}

/** Per rule, the references of each set of conditions (referencesFor). */
const REFERENCES = new WeakMap<RuleMeta, Map<string, string[]>>();

/** The references a finding of `meta` meeting `condition` (one or several) carries, in the rule's order. */
export function referencesFor(meta: RuleMeta, condition: string | string[] | undefined): string[] {
  if (!meta.conditions?.length) return meta.references;
  const ids = condition === undefined ? [] : Array.isArray(condition) ? condition : [condition];
  if (!ids.length) throw new UnknownCondition(`rule ${meta.id} reported a finding without a condition; its conditions are ${meta.conditions.map((x) => x.id).join(', ')}`);
  // One array per rule and set of conditions, shared by its findings (read-only everywhere):
  // a copy per finding was a tenth of a large scan's findings memory.
  let byConditions = REFERENCES.get(meta);
  if (!byConditions) REFERENCES.set(meta, (byConditions = new Map()));
  const key = ids.join('\0');
  const known = byConditions.get(key);
  if (known) return known;
  const refs = new Set<string>();
  for (const id of ids) {
    const c = meta.conditions.find((x) => x.id === id);
    if (!c) throw new UnknownCondition(`rule ${meta.id} reported a finding with condition "${id}"; its conditions are ${meta.conditions.map((x) => x.id).join(', ')}`);
    for (const r of c.references) refs.add(r);
  }
  const out = meta.references.filter((r) => refs.has(r));
  byConditions.set(key, out);
  return out;
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
