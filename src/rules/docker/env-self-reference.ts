import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { instructions } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/env-self-reference',
    title: 'ENV uses a variable it defines in the same instruction',
    severity: 'medium',
    target: 'dockerfile',
    catalog: ['D46'],
    description: 'In `ENV A=1 B=$A`, `$A` is expanded before the instruction runs, to its old value (usually empty), not to 1.',
    remediation: 'Split into two ENV instructions.',
    references: ['hadolint:DL3044'],
    fix: { available: false, note: 'Splitting changes layering; the owner decides.' },
  },
  check(ctx) {
    for (const i of instructions(ctx.model, 'ENV')) {
      const defined: string[] = [];
      for (const a of i.args) {
        const eq = a.value.indexOf('=');
        if (eq < 0) continue;
        const name = a.value.slice(0, eq);
        const value = a.value.slice(eq + 1);
        const used = defined.find((d) => new RegExp(`\\$(\\{${d}([:}][^}]*)?\\}|${d}(?![A-Za-z0-9_]))`).test(value));
        if (used) ctx.report({ at: a, message: `ENV ${name} uses $${used}, defined in the same instruction (it expands to the old value)` });
        defined.push(name);
      }
    }
  },
});
