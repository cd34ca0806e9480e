// What a change to `.riskgate.yaml` does to the gate: rules switched off, severities lowered,
// the failure threshold raised, files excluded. A pull request can loosen the policy in the same
// change that adds a risky manifest; the action evaluates with the base branch's policy and lists
// every change so that reviewers see it.

import type { Config } from './config.js';
import { isEnabledByDefault, type RuleMeta } from './rule.js';
import { severityRank, type Severity } from './types.js';

export interface PolicyChange {
  /** loosened: findings that counted before may not now; tightened: the reverse; changed: neither clearly. */
  effect: 'loosened' | 'tightened' | 'changed';
  description: string;
  /** The line of the head configuration that makes the change, when it can be found. */
  line: number | null;
}

const rank = (s: Severity | 'none') => (s === 'none' ? 0 : severityRank(s));

export function policyChanges(base: Config, head: Config, rules: RuleMeta[], headText: string | null): PolicyChange[] {
  const out: PolicyChange[] = [];
  const lineOf = (needle: string): number | null => {
    if (!headText) return null;
    const i = headText.split('\n').findIndex((l) => l.includes(needle));
    return i >= 0 ? i + 1 : null;
  };
  if (base.failOn !== head.failOn)
    out.push({ effect: rank(head.failOn) < rank(base.failOn) ? 'loosened' : 'tightened', description: `failOn ${base.failOn} → ${head.failOn}`, line: lineOf('failOn') });
  for (const g of head.exclude.filter((x) => !base.exclude.includes(x))) out.push({ effect: 'loosened', description: `files excluded: ${g}`, line: lineOf(g) });
  for (const g of base.exclude.filter((x) => !head.exclude.includes(x))) out.push({ effect: 'tightened', description: `exclusion removed: ${g}`, line: null });
  if (JSON.stringify(base.include) !== JSON.stringify(head.include))
    out.push({ effect: 'changed', description: `include ${JSON.stringify(base.include)} → ${JSON.stringify(head.include)} (only matching files are scanned)`, line: lineOf('include') });
  if (base.maxFileSize !== head.maxFileSize)
    out.push({ effect: head.maxFileSize < base.maxFileSize ? 'loosened' : 'tightened', description: `maxFileSize ${base.maxFileSize} → ${head.maxFileSize} bytes`, line: lineOf('maxFileSize') });
  for (const r of rules) {
    const b = base.rules[r.id] ?? {};
    const h = head.rules[r.id] ?? {};
    const on = (s: typeof b) => s.enabled ?? isEnabledByDefault(r);
    const sev = (s: typeof b) => s.severity ?? r.severity;
    if (on(b) && !on(h)) out.push({ effect: 'loosened', description: `rule ${r.id} switched off`, line: lineOf(r.id) });
    else if (!on(b) && on(h)) out.push({ effect: 'tightened', description: `rule ${r.id} switched on`, line: lineOf(r.id) });
    else if (on(h) && sev(b) !== sev(h))
      out.push({ effect: severityRank(sev(h)) < severityRank(sev(b)) ? 'loosened' : 'tightened', description: `rule ${r.id} severity ${sev(b)} → ${sev(h)}`, line: lineOf(r.id) });
    if (on(h) && JSON.stringify(b.params ?? {}) !== JSON.stringify(h.params ?? {}))
      out.push({ effect: 'changed', description: `rule ${r.id} parameters ${JSON.stringify(b.params ?? {})} → ${JSON.stringify(h.params ?? {})}`, line: lineOf(r.id) });
  }
  return out;
}
