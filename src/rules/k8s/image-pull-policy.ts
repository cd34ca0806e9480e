import { defineKubeRule, containerOwner } from '../../core/k8s/kube-rule.js';
import { setKey } from '../../core/fix/yaml-edit.js';
import { describeContainer, eachContainer } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/image-pull-policy',
    title: 'imagePullPolicy is not Always',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K33'],
    enabledByDefault: false,
    description: 'With `IfNotPresent`, a pod on a node that already has the image skips the registry\'s authorization check, so any pod may use a private image another pod pulled.',
    remediation: 'Set `imagePullPolicy: Always` (or enable the AlwaysPullImages admission plugin).',
    decisions: 'Contested (kube-score#48): IfNotPresent is the norm in charts and Always costs pulls. Off by default; enable it on multi-tenant clusters with private images.',
    references: ['checkov:CKV_K8S_15', 'kube-score:container-image-pull-policy', 'polaris:pullPolicyNotAlways', 'kubescape:C-0075', 'kics:caa3479d-885d-4882-9aac-95e5e78ef5c2'],
    fix: { available: true, note: 'Sets `imagePullPolicy: Always`.', unsafe: true },
  },
  check(ctx) {
    eachContainer(ctx, (c) => {
      const p = c.node.pairOf('imagePullPolicy');
      const v = c.node.str('imagePullPolicy');
      if (v === 'Always') return;
      const fix = { description: 'Set imagePullPolicy: Always', edits: [setKey(c.node, 'imagePullPolicy', 'Always', ctx.style)] };
      if (p) ctx.report({ at: p, container: c, message: `${describeContainer(c)} has imagePullPolicy ${v ?? '(empty)'}`, fix });
      else ctx.report({ ...containerOwner(c), container: c, message: `${describeContainer(c)} does not set imagePullPolicy: Always`, fix });
    });
  },
});
