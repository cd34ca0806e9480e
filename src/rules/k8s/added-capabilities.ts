import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { capabilities, capName } from '../../core/k8s/security-context.js';
import { describeContainer, eachContainer } from './helpers.js';
import dangerous from './dangerous-capabilities.js';

/** Pod Security Standards (baseline): capabilities a container may add. */
const BASELINE = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
const OWN_RULES = new Set(['SYS_ADMIN', 'ALL', 'NET_RAW', ...(dangerous.meta.params!.capabilities.default as string[])]);

export default defineKubeRule({
  meta: {
    id: 'k8s/added-capabilities',
    title: 'Capability added beyond the baseline set',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K18'],
    description: 'The Pod Security Standards baseline allows only the runtime\'s default capabilities to be added. Anything else widens what a compromised process can do.',
    remediation: 'Remove the capability from `capabilities.add`, or document why the workload needs it.',
    decisions: 'Capabilities with their own rules (SYS_ADMIN, NET_RAW, the dangerous list) are not reported again here. Trivy KSV-0022 (its allowed set is empty), Checkov CKV_K8S_25 and KICS report every added capability, the baseline\'s own included (`NET_BIND_SERVICE`, `CHOWN`, …); riskgate reports only additions beyond the set the Pod Security Standards baseline allows, because those are the ones that widen what a compromised process can do beyond the runtime\'s defaults (and restricted allows adding `NET_BIND_SERVICE`). Where riskgate reports, those peers report too.',
    references: ['trivy:KSV-0022', 'checkov:CKV_K8S_25', 'kics:19ebaa28-fc86-4a58-bcfa-015c9e22fe40', 'datree:CONTAINERS_INVALID_CAPABILITIES_VALUE', 'datree:EKS_INVALID_CAPABILITIES_EKS'],
    fix: { available: false, note: 'Whether the workload needs the capability is the owner\'s call.' },
  },
  check(ctx) {
    eachContainer(ctx, (c) => {
      for (const a of capabilities(c).add) {
        const n = capName(a);
        if (!BASELINE.has(n) && !OWN_RULES.has(n)) ctx.report({ at: a, container: c, message: `${describeContainer(c)} adds capability ${n}, outside the baseline set` });
      }
    });
  },
});
