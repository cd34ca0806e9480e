import { podFlagRule } from './pod-flag.js';

export default podFlagRule(
  'hostIPC',
  {
    id: 'k8s/host-ipc',
    title: 'Pod shares the host IPC namespace',
    severity: 'high',
    catalog: ['K10'],
    description: 'With `hostIPC: true` the containers can read and write the shared memory and message queues of every process on the node.',
    remediation: 'Remove `hostIPC: true`.',
    references: [
      'trivy:KSV-0008', 'checkov:CKV_K8S_18', 'kube-linter:host-ipc', 'polaris:hostIPCSet', 'kubesec:HostIPC', 'kubescape:C-0038', 'kubescape:C-0276',
      'kics:cd290efd-6c82-4e9d-a698-be12ae31d536', 'datree:CONTAINERS_INCORRECT_HOSTIPC_VALUE_TRUE',
    ],
    fix: { available: true, note: 'Removes the `hostIPC: true` line.', unsafe: true },
  },
  'pod shares the host IPC namespace (hostIPC: true)',
);
