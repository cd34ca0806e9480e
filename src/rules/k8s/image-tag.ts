import { defineKubeRule, containerOwner } from '../../core/k8s/kube-rule.js';
import { describeContainer, eachContainer, parseImage } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/image-tag',
    title: 'Image tag missing or latest',
    severity: 'medium',
    target: 'kubernetes',
    catalog: ['K31'],
    description: 'An image without a tag, or with `latest`, changes under the workload without a change in the manifest: what was reviewed is not what runs, and rollbacks do not roll back.',
    remediation: 'Pin a specific version tag, or better a digest (`image: repo@sha256:…`).',
    references: [
      'trivy:KSV-0013', 'checkov:CKV_K8S_14', 'kube-linter:latest-tag', 'kube-score:container-image-tag', 'polaris:tagNotSpecified',
      'kics:583053b7-e632-46f0-b989-f81ff8045385', 'datree:CONTAINERS_MISSING_IMAGE_VALUE_VERSION',
    ],
    fix: { available: false, note: 'The version to pin is the owner\'s choice.' },
  },
  check(ctx) {
    eachContainer(ctx, (c) => {
      const p = c.node.pairOf('image');
      if (!c.image) {
        if (!p) ctx.report({ ...containerOwner(c), container: c, message: `${describeContainer(c)} has no image` });
        return;
      }
      if (/\$[({]/.test(c.image)) return; // substituted at deploy time; nothing to judge
      const img = parseImage(c.image);
      if (img.digest) return;
      if (!img.tag) ctx.report({ at: p!, container: c, message: `${describeContainer(c)} image ${c.image} has no tag (means latest)` });
      else if (img.tag === 'latest') ctx.report({ at: p!, container: c, message: `${describeContainer(c)} uses the latest tag (${c.image})` });
    });
  },
});
