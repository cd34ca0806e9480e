import { podFlagRule } from './pod-flag.js';

export default podFlagRule(
  'hostPID',
  {
    id: 'k8s/host-pid',
    title: 'Pod shares the host PID namespace',
    severity: 'high',
    catalog: ['K09'],
    description: 'With `hostPID: true` the containers see every process on the node; with root they can read other processes\' environment and memory, or `nsenter` into PID 1 and own the node.',
    remediation: 'Remove `hostPID: true`.',
    references: [
      'trivy:KSV-0010', 'checkov:CKV_K8S_17', 'kube-linter:host-pid', 'polaris:hostPIDSet', 'kubesec:HostPID', 'kubescape:C-0038', 'kubescape:C-0275',
      'kics:302736f4-b16c-41b8-befe-c0baffa0bd9d', 'datree:CONTAINERS_INCORRECT_HOSTPID_VALUE_TRUE',
    ],
    fix: { available: true, note: 'Removes the `hostPID: true` line.', unsafe: true },
  },
  'pod shares the host PID namespace (hostPID: true)',
);
