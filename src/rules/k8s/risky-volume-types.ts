import { YMap } from '../../core/yaml/ast.js';
import { defineKubeRule } from '../../core/k8s/kube-rule.js';

/** Volume types the restricted Pod Security Standard allows (hostPath has its own rules). */
const ALLOWED = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret', 'hostPath', 'name', 'image']);

export default defineKubeRule({
  meta: {
    id: 'k8s/risky-volume-types',
    title: 'Volume type outside the restricted set',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K29'],
    description:
      'The restricted Pod Security Standard allows only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret volumes. ' +
      'Others mount node or network storage directly; `gitRepo` runs git on the node as root (CVE-2024-10220) and is deprecated.',
    remediation: 'Use a persistentVolumeClaim (storage) or an init container (`gitRepo`) instead. For git-sync, pin the repository to a reviewed commit and mount it read-only into the application.',
    decisions:
      'Three conditions, each citing only the peers that check it: a volume type outside the restricted set (Trivy KSV-0028); git-sync told which git binary to run through `GITSYNC_GIT` (Checkov CKV_K8S_159, the command injection Akamai showed in 2024; the v3 name `GIT_SYNC_GIT` is reported too, without the Checkov reference, which reads only the v4 name); a `subPath`/`subPathExpr` mount (Kubescape C-0058, Datree), exploitable through symlinks on clusters without the CVE-2021-25741 fix.',
    references: ['trivy:KSV-0028', 'checkov:CKV_K8S_159', 'kubescape:C-0058', 'datree:CONTAINER_CVE2021_25741_INCORRECT_SUBPATH_KEY'],
    conditions: [
      { id: 'volume-type', when: 'a volume of a type outside the restricted set', references: ['trivy:KSV-0028'] },
      { id: 'git-sync-git', when: 'a container sets GITSYNC_GIT', references: ['checkov:CKV_K8S_159'] },
      { id: 'git-sync-git-v3', when: 'a container sets GIT_SYNC_GIT (git-sync v3)', references: [] },
      { id: 'subpath', when: 'a volumeMount uses subPath or subPathExpr', references: ['kubescape:C-0058', 'datree:CONTAINER_CVE2021_25741_INCORRECT_SUBPATH_KEY'] },
    ],
    fix: { available: false, note: 'Replacing storage is a design change.' },
  },
  check(ctx) {
    const pod = ctx.object.pod;
    if (!pod) return;
    for (const c of pod.containers) {
      // git-sync runs the git binary GITSYNC_GIT names: whoever sets it runs any command in the pod.
      for (const e of c.node.maps('env')) {
        const name = e.str('name');
        if (name === 'GITSYNC_GIT' || name === 'GIT_SYNC_GIT')
          ctx.report({ at: e.pairOf('name')!, container: c, condition: name === 'GITSYNC_GIT' ? 'git-sync-git' : 'git-sync-git-v3', message: `container "${c.name}" sets ${name}: git-sync runs that program as git (command injection)` });
      }
      for (const m of c.node.maps('volumeMounts')) {
        const sub = m.pairOf('subPath') ?? m.pairOf('subPathExpr');
        if (sub) ctx.report({ at: sub, container: c, condition: 'subpath', message: `container "${c.name}" mounts volume "${m.str('name') ?? ''}" with ${sub.keyText}: a symlink in the volume reaches the node's filesystem on clusters without the CVE-2021-25741 fix` });
      }
    }
    for (const v of pod.spec.maps('volumes')) {
      for (const p of v.pairs) {
        if (ALLOWED.has(p.keyText) || !(p.value instanceof YMap)) continue;
        ctx.report({ at: p, keyOnly: true, condition: 'volume-type', message: `volume "${v.str('name') ?? ''}" uses type ${p.keyText}${p.keyText === 'gitRepo' ? ' (deprecated; runs git on the node as root)' : ''}` });
      }
    }
  },
});
