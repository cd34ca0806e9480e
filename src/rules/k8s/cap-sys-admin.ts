import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { capabilities, capName } from '../../core/k8s/security-context.js';
import { removeSeqItem } from '../../core/fix/yaml-edit.js';
import { describeContainer, eachContainer } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/cap-sys-admin',
    title: 'CAP_SYS_ADMIN added',
    severity: 'high',
    target: 'kubernetes',
    catalog: ['K15'],
    description: 'SYS_ADMIN is "the new root": it allows mounting filesystems, many namespace operations and most known container escapes. Adding `ALL` includes it.',
    remediation: 'Remove `SYS_ADMIN` (and `ALL`) from `capabilities.add`; grant the narrow capability the workload really needs.',
    decisions: 'Only a capability actually added is reported: a pod with empty `containers` adds nothing (Checkov\'s test suite fails one).',
    references: [
      'trivy:KSV-0005', 'checkov:CKV_K8S_39', 'kube-linter:privilege-escalation-container', 'polaris:dangerousCapabilities', 'kubesec:CapSysAdmin',
      'kubescape:C-0046', 'kics:235236ee-ad78-4065-bd29-61b061f28ce0',
    ],
    fix: { available: true, note: 'Removes the capability from the list.', unsafe: true },
  },
  check(ctx) {
    eachContainer(ctx, (c) => {
      for (const a of capabilities(c).add) {
        const n = capName(a);
        if (n === 'SYS_ADMIN' || n === 'ALL') ctx.report({ at: a, container: c, message: `${describeContainer(c)} adds ${n === 'ALL' ? 'ALL capabilities (including SYS_ADMIN)' : 'CAP_SYS_ADMIN'}`, fix: { description: `Remove ${capName(a)} from capabilities.add`, edits: [removeSeqItem(a.inSeq!, a, ctx.style)] } });
      }
    });
  },
});
