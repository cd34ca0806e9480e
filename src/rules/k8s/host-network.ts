import { podFlagRule } from './pod-flag.js';

export default podFlagRule(
  'hostNetwork',
  {
    id: 'k8s/host-network',
    title: 'Pod uses the host network',
    severity: 'high',
    catalog: ['K11'],
    description: 'With `hostNetwork: true` the pod binds and sniffs on the node\'s interfaces, reaches services bound to localhost (the kubelet, cloud metadata) and bypasses NetworkPolicy.',
    remediation: 'Remove `hostNetwork: true`; expose ports through a Service instead.',
    references: [
      'trivy:KSV-0009', 'checkov:CKV_K8S_19', 'kube-linter:host-network', 'polaris:hostNetworkSet', 'kubesec:HostNetwork', 'kubescape:C-0041',
      'kics:6b6bdfb3-c3ae-44cb-88e4-7405c1ba2c8a', 'datree:CONTAINERS_INCORRECT_HOSTNETWORK_VALUE_TRUE',
    ],
    fix: { available: true, note: 'Removes the `hostNetwork: true` line.', unsafe: true },
  },
  'pod uses the host network namespace (hostNetwork: true)',
);
