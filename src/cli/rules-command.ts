// `riskgate rules`: the rule metadata, as a table or JSON.

import type { RuleMeta } from '../core/rule.js';

export function formatRules(rules: RuleMeta[], format: 'text' | 'json'): string {
  if (format === 'json') {
    return JSON.stringify(
      rules.map((r) => ({
        id: r.id,
        title: r.title,
        severity: r.severity,
        target: r.target,
        enabledByDefault: r.enabledByDefault !== false,
        description: r.description,
        remediation: r.remediation,
        references: r.references,
        conditions: r.conditions ?? [],
        catalog: r.catalog,
        params: r.params ?? {},
        fix: r.fix ?? null,
      })),
      null,
      2,
    ) + '\n';
  }
  const width = Math.max(...rules.map((r) => r.id.length));
  const fix = (r: RuleMeta) => (r.fix?.available ? (r.fix.unsafe ? 'fix:unsafe' : 'fix:safe') : '');
  return rules.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${fix(r).padEnd(10)}  ${r.enabledByDefault === false ? '(off) ' : ''}${r.title}`).join('\n') + '\n';
}
