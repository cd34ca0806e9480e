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
    fix: { available: true, note: 'Removes the capability from the list.', unsafe: true },
  },
  check(ctx) {
    const dangerous = new Set((ctx.params.capabilities as string[]).map((s) => s.toUpperCase().replace(/^CAP_/, '')));
    eachContainer(ctx, (c) => {
      for (const a of capabilities(c).add) if (dangerous.has(capName(a))) ctx.report({ at: a, container: c, message: `${describeContainer(c)} adds dangerous capability ${capName(a)}`, fix: { description: `Remove ${capName(a)} from capabilities.add`, edits: [removeSeqItem(a.inSeq!, a, ctx.style)] } });
    });
  },
});
