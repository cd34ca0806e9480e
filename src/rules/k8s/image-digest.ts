import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { describeContainer, eachContainer, parseImage } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/image-digest',
    title: 'Image not pinned by digest',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K32'],
    description: 'Tags are mutable: whoever controls the registry can point `v1.2.3` at different content. Only a digest (`@sha256:…`) names exactly what was reviewed.',
    remediation: 'Reference the image by digest, e.g. `nginx:1.27@sha256:…`, and let a bot (Renovate, Dependabot) keep it current.',
    references: ['checkov:CKV_K8S_43', 'kubescape:C-0306', 'kics:7c81d34c-8e5a-402b-9798-9f442630e678', 'datree:CONTAINERS_MISSING_IMAGE_VALUE_DIGEST'],
    fix: { available: false, note: 'The digest must be looked up in the registry.' },
  },
  check(ctx) {
    eachContainer(ctx, (c) => {
      if (!c.image || /\$[({]/.test(c.image)) return;
      if (!parseImage(c.image).digest) ctx.report({ at: c.node.pairOf('image')!, container: c, message: `${describeContainer(c)} image ${c.image} is not pinned by digest` });
    });
  },
});
