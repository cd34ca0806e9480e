import type { RuleMeta } from '../../core/rule.js';

/** Reported by the engine itself: a `riskgate-ignore` without a reason (or with a bad expiry). */
export const suppressionReason: { meta: RuleMeta } = {
  meta: {
    id: 'riskgate/suppression-without-reason',
    title: 'Suppression without a reason',
    severity: 'low',
    target: 'any',
    description:
      'A `riskgate-ignore` comment or `riskgate.dev/ignore` annotation that gives no reason, names no rule, or has an expiry that is not a date. ' +
      'A suppression is a decision someone will have to revisit; without a reason nobody can.',
    remediation: 'Write the reason after `--`, e.g. `# riskgate-ignore k8s/privileged-container -- needs /dev/fuse, reviewed by sec team`. Add `until=YYYY-MM-DD` to make it expire.',
    references: [],
    catalog: [],
    fix: { available: false, note: 'Only the author knows the reason.' },
  },
};
