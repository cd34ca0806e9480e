import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { capabilities, capName } from '../../core/k8s/security-context.js';
import { removeSeqItem } from '../../core/fix/yaml-edit.js';
import { describeContainer, eachContainer } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/dangerous-capabilities',
    title: 'Dangerous capability added',
    severity: 'high',
    target: 'kubernetes',
    catalog: ['K17'],
    description:
      'Capabilities such as SYS_MODULE (load kernel modules), SYS_PTRACE (inspect other processes), SYS_RAWIO, NET_ADMIN, BPF or MAC_ADMIN each give a path to the node. ' +
      'SYS_ADMIN and NET_RAW have their own rules.',
    remediation: 'Remove the capability from `capabilities.add`.',
    params: {
      capabilities: {
        type: 'string[]',
        default: ['SETPCAP', 'NET_ADMIN', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_PTRACE', 'SYS_BOOT', 'MAC_OVERRIDE', 'MAC_ADMIN', 'PERFMON', 'BPF', 'DAC_READ_SEARCH', 'SYS_TIME'],
        description: 'Capabilities reported as dangerous (Kubescape\'s insecureCapabilities, without SYS_ADMIN and NET_RAW).',
      },
    },
    references: ['trivy:KSV-0120', 'kubescape:C-0046', 'polaris:dangerousCapabilities', 'trivy:KSV-0022', 'checkov:CKV_K8S_25', 'kics:19ebaa28-fc86-4a58-bcfa-015c9e22fe40'],
    conditions: [
      { id: 'added', when: 'a capability is added', references: ['checkov:CKV_K8S_25', 'kics:19ebaa28-fc86-4a58-bcfa-015c9e22fe40'] },
      { id: 'beyond-baseline', when: 'the capability is outside the Pod Security Standard baseline\'s allowed additions', references: ['trivy:KSV-0022'] },
      { id: 'kubescape', when: 'the capability is in Kubescape\'s insecureCapabilities', references: ['kubescape:C-0046'] },
      { id: 'sys-module', when: 'SYS_MODULE', references: ['trivy:KSV-0120'] },
      { id: 'polaris', when: 'NET_ADMIN (Polaris\'s dangerous list is ALL, SYS_ADMIN and NET_ADMIN)', references: ['polaris:dangerousCapabilities'] },
    ],
    fix: { available: true, note: 'Removes the capability from the list.', unsafe: true },
  },
  check(ctx) {
    const dangerous = new Set((ctx.params.capabilities as string[]).map((s) => s.toUpperCase().replace(/^CAP_/, '')));
    eachContainer(ctx, (c) => {
      for (const a of capabilities(c).add) if (dangerous.has(capName(a))) ctx.report({ at: a, container: c, condition: conditionsOf(capName(a)), message: `${describeContainer(c)} adds dangerous capability ${capName(a)}`, fix: { description: `Remove ${capName(a)} from capabilities.add`, edits: [removeSeqItem(a.inSeq!, a, ctx.style)] } });
    });
  },
});

/** What the baseline Pod Security Standard lets a container add. */
const BASELINE_ALLOWED = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
const KUBESCAPE_INSECURE = new Set(['SETPCAP', 'NET_ADMIN', 'NET_RAW', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_PTRACE', 'SYS_ADMIN', 'SYS_BOOT', 'MAC_OVERRIDE', 'MAC_ADMIN', 'PERFMON', 'ALL', 'BPF']);

/** Each peer is cited only for the capabilities its own list holds. */
function conditionsOf(cap: string): string[] {
  return [
    'added',
    ...(BASELINE_ALLOWED.has(cap) ? [] : ['beyond-baseline']),
    ...(KUBESCAPE_INSECURE.has(cap) ? ['kubescape'] : []),
    ...(cap === 'SYS_MODULE' ? ['sys-module'] : []),
    ...(cap === 'NET_ADMIN' ? ['polaris'] : []),
  ];
}
