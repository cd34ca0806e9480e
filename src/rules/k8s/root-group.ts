import { YScalar } from '../../core/yaml/ast.js';
import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { containerContext, podContext } from '../../core/k8s/security-context.js';
import { describeContainer, eachContainer, seqScalars } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/root-group',
    title: 'Runs with the root group (GID 0)',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K06'],
    description: 'Group 0 owns many sensitive files on the host and in images; a process in it can read or write them even as a non-root user.',
    remediation: 'Use a non-zero `runAsGroup`, `fsGroup` and `supplementalGroups`.',
    references: ['trivy:KSV-0116', 'kube-linter:run-as-non-root'],
    fix: { available: false, note: 'The group to use is the owner\'s choice.' },
  },
  check(ctx) {
    const pod = ctx.object.pod;
    if (!pod) return;
    const psc = podContext(pod);
    const zero = (n: unknown) => n instanceof YScalar && (n.value === 0 || n.value === '0');
    for (const key of ['runAsGroup', 'fsGroup']) {
      const p = psc?.pairOf(key);
      if (p && zero(p.value)) ctx.report({ at: p, message: `pod ${key} is 0 (root group)` });
    }
    for (const g of seqScalars(psc?.get('supplementalGroups'))) if (zero(g)) ctx.report({ at: g, message: 'pod supplementalGroups includes 0 (root group)' });
    eachContainer(ctx, (c) => {
      const p = containerContext(c)?.pairOf('runAsGroup');
      if (p && zero(p.value)) ctx.report({ at: p, container: c, message: `${describeContainer(c)} has runAsGroup 0 (root group)` });
    });
  },
});
