import { defineKubeRule } from '../../core/k8s/kube-rule.js';

/** apiVersion/kind pairs removed from Kubernetes, with the release that removed them and the replacement. */
const REMOVED: { apiVersion: string; kinds: string[] | '*'; removedIn: string; use: string }[] = [
  { apiVersion: 'extensions/v1beta1', kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'], removedIn: '1.16', use: 'apps/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], removedIn: '1.16', use: 'networking.k8s.io/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], removedIn: '1.16', use: 'Pod Security Admission' },
  { apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], removedIn: '1.22', use: 'networking.k8s.io/v1' },
  { apiVersion: 'apps/v1beta1', kinds: '*', removedIn: '1.16', use: 'apps/v1' },
  { apiVersion: 'apps/v1beta2', kinds: '*', removedIn: '1.16', use: 'apps/v1' },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress', 'IngressClass'], removedIn: '1.22', use: 'networking.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kinds: '*', removedIn: '1.22', use: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1alpha1', kinds: '*', removedIn: '1.22', use: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: '*', removedIn: '1.22', use: 'admissionregistration.k8s.io/v1' },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', kinds: '*', removedIn: '1.22', use: 'apiextensions.k8s.io/v1' },
  { apiVersion: 'certificates.k8s.io/v1beta1', kinds: '*', removedIn: '1.22', use: 'certificates.k8s.io/v1' },
  { apiVersion: 'scheduling.k8s.io/v1beta1', kinds: '*', removedIn: '1.22', use: 'scheduling.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], removedIn: '1.22', use: 'storage.k8s.io/v1' },
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], removedIn: '1.25', use: 'batch/v1' },
  { apiVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], removedIn: '1.25', use: 'discovery.k8s.io/v1' },
  { apiVersion: 'events.k8s.io/v1beta1', kinds: ['Event'], removedIn: '1.25', use: 'events.k8s.io/v1' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], removedIn: '1.25', use: 'policy/v1' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], removedIn: '1.25', use: 'Pod Security Admission' },
  { apiVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], removedIn: '1.25', use: 'autoscaling/v2' },
  { apiVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], removedIn: '1.26', use: 'autoscaling/v2' },
  { apiVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], removedIn: '1.25', use: 'node.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kinds: '*', removedIn: '1.26', use: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: '*', removedIn: '1.29', use: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: '*', removedIn: '1.32', use: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], removedIn: '1.27', use: 'storage.k8s.io/v1' },
];

/** kube-score's stable-version table: apiVersion/kind pairs it warns about (score/stable/stable_version.go). */
const KUBE_SCORE: Record<string, string[]> = {
  'extensions/v1beta1': ['Deployment', 'DaemonSet', 'Ingress', 'IngressClass'],
  'apps/v1beta1': ['Deployment', 'StatefulSet'],
  'apps/v1beta2': ['Deployment', 'StatefulSet', 'DaemonSet'],
  'batch/v1beta1': ['CronJob'],
  'policy/v1beta1': ['PodDisruptionBudget'],
  'networking.k8s.io/v1beta1': ['Ingress', 'IngressClass'],
};

export default defineKubeRule({
  meta: {
    id: 'k8s/deprecated-api',
    title: 'Removed Kubernetes API version',
    severity: 'medium',
    target: 'kubernetes',
    catalog: ['K70'],
    description: 'The apiVersion has been removed from Kubernetes: the manifest no longer applies, and old API versions carry old defaults (e.g. `extensions/v1beta1` Deployments without a selector).',
    remediation: 'Move to the current apiVersion named in the message, and review the fields that changed.',
    conditions: [
      { id: 'removed-1.16', when: 'the apiVersion was removed in Kubernetes 1.16', references: ['trivy:KSV-0107', 'kics:94b76ea5-e074-4ca2-8a03-c5a606e30645', 'datree:K8S_DEPRECATED_APIVERSION_1.16'] },
      { id: 'removed-1.22', when: 'the apiVersion was removed in Kubernetes 1.22', references: ['trivy:KSV-0107', 'kics:94b76ea5-e074-4ca2-8a03-c5a606e30645', 'datree:K8S_DEPRECATED_APIVERSION_1.22'] },
      { id: 'removed-later', when: 'the apiVersion was removed in Kubernetes 1.25 or later', references: ['trivy:KSV-0107', 'kics:94b76ea5-e074-4ca2-8a03-c5a606e30645'] },
      { id: 'extensions', when: 'the apiVersion is extensions/v1beta1 (kube-linter\'s no-extensions-v1beta)', references: ['kube-linter:no-extensions-v1beta'] },
      { id: 'kube-score', when: 'the apiVersion and kind are in kube-score\'s stable-version table', references: ['kube-score:stable-version'] },
    ],
    references: ['trivy:KSV-0107', 'kube-linter:no-extensions-v1beta', 'kube-score:stable-version', 'kics:94b76ea5-e074-4ca2-8a03-c5a606e30645', 'datree:K8S_DEPRECATED_APIVERSION_1.16', 'datree:K8S_DEPRECATED_APIVERSION_1.22'],
    fix: { available: false, note: 'Migration can change field semantics.' },
  },
  check(ctx) {
    const o = ctx.object;
    const hit = REMOVED.find((r) => r.apiVersion === o.apiVersion && (r.kinds === '*' || r.kinds.includes(o.kind)));
    if (!hit) return;
    const condition = [hit.removedIn === '1.16' || hit.removedIn === '1.22' ? `removed-${hit.removedIn}` : 'removed-later'];
    if (o.apiVersion === 'extensions/v1beta1') condition.push('extensions');
    if (KUBE_SCORE[o.apiVersion]?.includes(o.kind)) condition.push('kube-score');
    ctx.report({ at: o.node.pairOf('apiVersion')!, condition, message: `${o.apiVersion} ${o.kind} was removed in Kubernetes ${hit.removedIn}; use ${hit.use}` });
  },
});
