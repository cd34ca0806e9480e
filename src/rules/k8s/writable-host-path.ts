import { YScalar } from '../../core/yaml/ast.js';
import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { setKey } from '../../core/fix/yaml-edit.js';
import { describeContainer, eachContainer, hostPathVolumes } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/writable-host-path',
    title: 'hostPath mounted writable',
    severity: 'medium',
    target: 'kubernetes',
    catalog: ['K27'],
    description: 'A hostPath mounted without `readOnly: true` lets the container change files on the node, which other pods and the kubelet trust.',
    remediation: 'Add `readOnly: true` to the volumeMount (and `readOnly` on the hostPath where supported).',
    references: ['kube-linter:writable-host-mount', 'kubescape:C-0045', 'datree:EKS_INVALID_HOSTPATH_MOUNT_READONLY_VALUE'],
    fix: { available: true, note: 'Adds `readOnly: true` to the volumeMount.', unsafe: true },
  },
  check(ctx) {
    const pod = ctx.object.pod;
    if (!pod) return;
    const hostVolumes = new Map(hostPathVolumes(pod).map((v) => [v.name, v]));
    if (hostVolumes.size === 0) return;
    eachContainer(ctx, (c) => {
      for (const m of c.node.maps('volumeMounts')) {
        const v = hostVolumes.get(m.str('name') ?? '');
        if (!v) continue;
        const ro = m.scalar('readOnly');
        if (ro instanceof YScalar && ro.value === true) continue;
        ctx.report({ at: m.pairOf('name') ?? m, container: c, message: `${describeContainer(c)} mounts host path ${v.path ? String(v.path.value) : ''} (volume "${v.name}") writable`, fix: { description: 'Mount it read-only', edits: [setKey(m, 'readOnly', true, ctx.style)] } });
      }
    });
  },
});
