import { defineKubeRule, ownerOf } from '../../core/k8s/kube-rule.js';
import { ensurePath } from '../../core/fix/yaml-edit.js';

const ENFORCE = 'pod-security.kubernetes.io/enforce';

export default defineKubeRule({
  meta: {
    id: 'k8s/namespace-pod-security',
    title: 'Namespace without Pod Security Admission enforcement',
    severity: 'low',
    target: 'kubernetes',
    catalog: [],
    description:
      'Pod Security Admission enforces the Pod Security Standards per namespace, through the label `pod-security.kubernetes.io/enforce`. ' +
      'Without `baseline` (or `restricted`) the API server admits privileged pods, host namespaces, hostPath volumes and added capabilities in that namespace, whatever the manifests in this repository say today.',
    remediation: 'Label the namespace `pod-security.kubernetes.io/enforce: baseline` (or `restricted`), after checking its workloads pass with `kubectl label --dry-run=server`.',
    decisions:
      'Kubescape\'s controls C-0199, C-0202, C-0203 and C-0204 (NET_RAW, Windows HostProcess, hostPath, hostPorts) are this check on namespaces: they fail a Namespace whose enforce label is neither baseline nor restricted; C-0200 and C-0201 (added and assigned capabilities) fail one that is not restricted. ' +
      'riskgate cites them here, not on the containers, where they were cited before. A namespace enforcing baseline is reported at info level for the restricted controls.',
    references: ['kubescape:C-0199', 'kubescape:C-0202', 'kubescape:C-0203', 'kubescape:C-0204', 'kubescape:C-0200', 'kubescape:C-0201'],
    conditions: [
      { id: 'no-baseline', when: 'the Namespace enforces neither baseline nor restricted', references: ['kubescape:C-0199', 'kubescape:C-0202', 'kubescape:C-0203', 'kubescape:C-0204', 'kubescape:C-0200', 'kubescape:C-0201'] },
      { id: 'baseline-only', when: 'the Namespace enforces baseline, not restricted', references: ['kubescape:C-0200', 'kubescape:C-0201'] },
    ],
    fix: { available: true, note: 'Adds the label `pod-security.kubernetes.io/enforce: baseline`; it can stop pods that need more from starting.', unsafe: true },
  },
  check(ctx) {
    const o = ctx.object;
    if (o.kind !== 'Namespace' || o.apiVersion !== 'v1' || !o.metadata) return;
    // The cluster's own namespaces run system components that need more than baseline.
    if (/^kube-(system|public|node-lease)$/.test(o.name)) return;
    const level = o.labels[ENFORCE];
    if (level === 'restricted') return;
    const labelPair = o.metadata.map('labels')?.pairOf(ENFORCE);
    if (level === 'baseline') {
      ctx.report({ at: labelPair!, condition: 'baseline-only', severity: 'info', message: `Namespace ${o.name} enforces the baseline Pod Security Standard, not restricted` });
      return;
    }
    ctx.report({
      ...(labelPair ? { at: labelPair } : ownerOf(o.metadata)),
      condition: 'no-baseline',
      message: level ? `Namespace ${o.name} enforces Pod Security level "${level}", which admits privileged pods` : `Namespace ${o.name} has no Pod Security Admission enforce label: privileged pods are admitted`,
      fix: level ? undefined : { description: 'Enforce the baseline Pod Security Standard', edits: [ensurePath(o.metadata, ['labels', ENFORCE], 'baseline', ctx.style)] },
    });
  },
});
