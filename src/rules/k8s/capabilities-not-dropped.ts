import { defineKubeRule, containerOwner } from '../../core/k8s/kube-rule.js';
import { capabilities, capName } from '../../core/k8s/security-context.js';
import { appendSeqItem, ensurePath, type YamlStyle } from '../../core/fix/yaml-edit.js';
import { describeContainer, eachContainer } from './helpers.js';
import type { Container } from '../../core/k8s/objects.js';

/** Adds ALL to `capabilities.drop`, creating what is missing. Shared with k8s/net-raw. */
export function dropAll(c: Container, style: YamlStyle) {
  const drop = capabilities(c).node?.seq('drop');
  return { description: 'Drop ALL capabilities', edits: [drop ? appendSeqItem(drop, 'ALL', style) : ensurePath(c.node, ['securityContext', 'capabilities', 'drop'], ['ALL'], style)] };
}

export default defineKubeRule({
  meta: {
    id: 'k8s/capabilities-not-dropped',
    title: 'Capabilities not dropped',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K19'],
    description: 'Containers start with the runtime\'s default capabilities (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW, …). The restricted Pod Security Standard requires dropping ALL and adding back only NET_BIND_SERVICE.',
    remediation: 'Set `securityContext.capabilities.drop: [ALL]` and add back only what the workload needs.',
    references: [
      'trivy:KSV-0003', 'trivy:KSV-0004', 'trivy:KSV-0106', 'checkov:CKV_K8S_37', 'polaris:insecureCapabilities', 'kubesec:CapDropAll', 'kubesec:CapDropAny', 'kics:268ca686-7fb7-4ae9-b129-955a2a89064e',
    ],
    conditions: [
      {
        id: 'drops-nothing',
        when: 'the container drops no capability at all',
        references: ['trivy:KSV-0003', 'trivy:KSV-0004', 'trivy:KSV-0106', 'checkov:CKV_K8S_37', 'polaris:insecureCapabilities', 'kubesec:CapDropAll', 'kubesec:CapDropAny', 'kics:268ca686-7fb7-4ae9-b129-955a2a89064e'],
      },
      {
        id: 'drops-some',
        when: 'the container drops some capabilities, but not ALL (Trivy KSV-0004 and kubesec CapDropAny ask only that something is dropped)',
        references: ['trivy:KSV-0003', 'trivy:KSV-0106', 'checkov:CKV_K8S_37', 'polaris:insecureCapabilities', 'kubesec:CapDropAll', 'kics:268ca686-7fb7-4ae9-b129-955a2a89064e'],
      },
    ],
    fix: { available: true, note: 'Adds `capabilities: {drop: [ALL]}` or `ALL` to an existing drop list.', unsafe: true },
  },
  check(ctx) {
    eachContainer(ctx, (c) => {
      const caps = capabilities(c);
      if (caps.drop.some((d) => capName(d) === 'ALL')) return;
      const dropPair = caps.node?.pairOf('drop');
      const at = dropPair ? { at: dropPair, keyOnly: false } : caps.node?.pair ? { at: caps.node.pair, keyOnly: true } : containerOwner(c);
      ctx.report({ ...at, container: c, condition: caps.drop.length ? 'drops-some' : 'drops-nothing', message: `${describeContainer(c)} does not drop ALL capabilities`, fix: dropAll(c, ctx.style) });
    });
  },
});
