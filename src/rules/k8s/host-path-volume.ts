import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { hostPathVolumes } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/host-path-volume',
    title: 'hostPath volume',
    severity: 'medium',
    target: 'kubernetes',
    catalog: ['K25'],
    description: 'A hostPath volume exposes the node\'s filesystem to the pod. Even harmless-looking paths have been used to escape (symlinks, /var/log, device files).',
    remediation: 'Use a persistentVolumeClaim, emptyDir, configMap or CSI volume instead. If a node agent really needs the host path, mount it read-only and as narrowly as possible.',
    decisions: 'kube-system is not exempted (KICS exempts it): a manifest in a PR is reviewed the same wherever it lands; a finding in kube-system does not cite KICS\'s check, whose condition excludes it. Sensitive and writable hostPaths have their own rules.',
    references: ['trivy:KSV-0023', 'polaris:hostPathSet', 'kubescape:C-0048', 'kics:aa8f7a35-9923-4cad-bd61-a19b7f6aac91', 'datree:CONTAINERS_INCORRECT_KEY_HOSTPATH'],
    conditions: [
      { id: 'hostpath', when: 'a hostPath volume outside kube-system', references: ['trivy:KSV-0023', 'polaris:hostPathSet', 'kubescape:C-0048', 'kics:aa8f7a35-9923-4cad-bd61-a19b7f6aac91', 'datree:CONTAINERS_INCORRECT_KEY_HOSTPATH'] },
      { id: 'hostpath-kube-system', when: 'a hostPath volume in kube-system', references: ['trivy:KSV-0023', 'polaris:hostPathSet', 'kubescape:C-0048', 'datree:CONTAINERS_INCORRECT_KEY_HOSTPATH'] },
    ],
    fix: { available: false, note: 'Replacing storage is a design change.' },
  },
  check(ctx) {
    const pod = ctx.object.pod;
    if (!pod) return;
    const condition = ctx.object.namespace === 'kube-system' ? 'hostpath-kube-system' : 'hostpath';
    for (const v of hostPathVolumes(pod)) ctx.report({ at: v.hostPath.pair!, condition, message: `volume "${v.name}" mounts host path ${v.path ? String(v.path.value) : '(unset)'}` });
  },
});
