import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { YScalar } from '../../core/yaml/ast.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/duplicate-key',
    title: 'Key set twice: tools disagree on which value wins',
    severity: 'high',
    target: 'kubernetes',
    catalog: [],
    description:
      'A mapping that sets a key twice (`hostPID: false` then `hostPID: true`), sets it explicitly and then merges a value for it with `<<` written after it, or uses a quoted `"<<"` key, means different things to different tools: `kubectl apply` (go-yaml v2) takes the last duplicate and lets a later merge override an earlier explicit key; kustomize (go-yaml v3) refuses duplicate keys and keeps the explicit key over any merge and merges a quoted `"<<"` that go-yaml v2 keeps as a plain key; a reviewer usually reads the first. A setting hidden this way is how a pull request slips a control past review. riskgate checks the value `kubectl apply` would send, and reports the conflict itself.',
    remediation: 'Write each key once. With merge keys, write the explicit key after the `<<` entry, or drop it from the anchor.',
    decisions: 'The finding spans both entries (the one that loses and the one that wins). riskgate evaluates every other rule on the value kubectl apply takes, and offers no automatic fix for either entry: removing one flips the value to the other.',
    references: [],
    fix: { available: false, note: 'Which value was meant is the author\'s knowledge; removing either line changes the result.' },
  },
  check(ctx) {
    for (const a of ctx.object.ambiguities) {
      const lineOf = (offset: number) => ctx.source.slice(0, offset).split('\n').length;
      // Both entries of the conflict, which sit in the same mapping: the two keys, or the
      // explicit key and the `<<` entry written after it.
      const other = a.kind === 'merge-order' ? a.mergeKey! : a.won.key;
      const span = new YScalar(null, '', false, false);
      span.start = Math.min(a.lost.key.start, other.start);
      span.end = Math.max(a.lost.key.end, other.end);
      const shown = (p: typeof a.won) => ctx.source.slice(p.start, Math.min(p.end, p.start + 60)).replace(/\s+/g, ' ');
      ctx.report({
        at: span,
        message:
          a.kind === 'quoted-merge'
            ? `a quoted "<<" key is a merge key to kustomize (go-yaml v3) and an ordinary key to kubectl apply (go-yaml v2): tools disagree on what this mapping holds (\`${shown(a.won)}\`)`
            : a.kind === 'duplicate'
            ? `"${a.key}" is set twice (line ${lineOf(a.lost.key.start)}: \`${shown(a.lost)}\`, line ${lineOf(a.won.key.start)}: \`${shown(a.won)}\`); kubectl apply takes the last, kustomize refuses the file: tools disagree on which value wins`
            : `"${a.key}" is set at line ${lineOf(a.lost.key.start)} (\`${shown(a.lost)}\`) and then merged in by \`<<\` at line ${lineOf(a.mergeKey!.start)} (\`${shown(a.won)}\`, line ${lineOf(a.won.key.start)}); kubectl apply takes the merged value, kustomize the explicit one: tools disagree on which value wins`,
      });
    }
  },
});
