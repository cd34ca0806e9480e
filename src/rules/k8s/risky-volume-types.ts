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
    references: ['trivy:KSV-0028', 'checkov:CKV_K8S_159', 'kubescape:C-0058', 'datree:CONTAINER_CVE2021_25741_INCORRECT_SUBPATH_KEY'],
    fix: { available: false, note: 'Replacing storage is a design change.' },
  },
  check(ctx) {
    const pod = ctx.object.pod;
    if (!pod) return;
    // git-sync fetches and writes repository content into the pod at run time (the replacement for gitRepo volumes);
    // Checkov flags it for code injection through the repository (CKV_K8S_159).
    for (const c of pod.containers) {
      if (c.image && /(^|\/)git-sync(:|@|$)/.test(c.image)) ctx.report({ at: c.node.pairOf('image')!, container: c, message: `container "${c.name}" runs git-sync: repository content becomes code in the pod` });
    }
    for (const v of pod.spec.maps('volumes')) {
      for (const p of v.pairs) {
        if (ALLOWED.has(p.keyText) || !(p.value instanceof YMap)) continue;
        ctx.report({ at: p, keyOnly: true, message: `volume "${v.str('name') ?? ''}" uses type ${p.keyText}${p.keyText === 'gitRepo' ? ' (deprecated; runs git on the node as root)' : ''}` });
      }
    }
  },
});
