import { defineKubeRule, containerOwner } from '../../core/k8s/kube-rule.js';
import { YMap } from '../../core/yaml/ast.js';
import { capabilities, capName } from '../../core/k8s/security-context.js';
import { removeSeqItem } from '../../core/fix/yaml-edit.js';
import { describeContainer, eachContainer } from './helpers.js';
import { dropAll } from './capabilities-not-dropped.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/net-raw',
    title: 'NET_RAW not dropped',
    severity: 'medium',
    target: 'kubernetes',
    catalog: ['K16'],
    description: 'NET_RAW is in the default capability set. It lets a process craft raw packets: ARP and DNS spoofing of other pods on the node, and it has enabled several kernel exploits.',
    remediation: 'Drop it: `capabilities: {drop: [ALL]}` (or at least `NET_RAW`), and never add it back.',
    decisions: 'Trivy (KSV-0119) flags only adding NET_RAW; Checkov, kube-linter and KICS flag not dropping it. riskgate flags both, since the runtime grants it unless dropped. ' +
      'kube-linter judges only containers that write `capabilities` (its template skips a container without one), so it is cited only there.',
    conditions: [
      { id: 'added', when: 'NET_RAW is in capabilities.add', references: ['trivy:KSV-0119', 'kube-linter:drop-net-raw-capability'] },
      { id: 'added-all', when: 'ALL is in capabilities.add', references: [] },
      { id: 'not-dropped', when: 'the container writes capabilities, and neither NET_RAW nor ALL is dropped', references: ['checkov:CKV_K8S_28', 'kube-linter:drop-net-raw-capability', 'kics:dbbc6705-d541-43b0-b166-dd4be8208b54', 'datree:CIS_MISSING_VALUE_DROP_NET_RAW'] },
      { id: 'not-dropped-no-capabilities', when: 'the container writes no capabilities at all', references: ['checkov:CKV_K8S_28', 'kics:dbbc6705-d541-43b0-b166-dd4be8208b54', 'datree:CIS_MISSING_VALUE_DROP_NET_RAW'] },
    ],
    references: [
      'trivy:KSV-0119', 'checkov:CKV_K8S_28', 'kube-linter:drop-net-raw-capability', 'kics:dbbc6705-d541-43b0-b166-dd4be8208b54',
      'datree:CIS_MISSING_VALUE_DROP_NET_RAW',
    ],
    fix: { available: true, note: 'Adds `ALL` to `capabilities.drop`.', unsafe: true },
  },
  check(ctx) {
    eachContainer(ctx, (c) => {
      const caps = capabilities(c);
      const added = caps.add.find((a) => capName(a) === 'NET_RAW' || capName(a) === 'ALL');
      const dropped = caps.drop.some((d) => capName(d) === 'NET_RAW' || capName(d) === 'ALL');
      // A capabilities map written but empty (`capabilities:`) is no map to the peers that read it as an object.
      const written = caps.node instanceof YMap;
      const notDropped = dropped ? [] : [written ? 'not-dropped' : 'not-dropped-no-capabilities'];
      if (added) {
        ctx.report({ at: added, container: c, condition: [capName(added) === 'ALL' ? 'added-all' : 'added', ...notDropped], message: `${describeContainer(c)} adds ${capName(added) === 'ALL' ? 'ALL capabilities (including NET_RAW)' : 'NET_RAW'}`, fix: { description: `Remove ${capName(added)} from capabilities.add`, edits: [removeSeqItem(added.inSeq!, added, ctx.style)] } });
        return;
      }
      if (dropped) return;
      const at = caps.node?.pair ? { at: caps.node.pair, keyOnly: true } : containerOwner(c);
      ctx.report({ ...at, container: c, condition: notDropped, message: `${describeContainer(c)} does not drop NET_RAW`, fix: dropAll(c, ctx.style) });
    });
  },
});
