import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { parseImage } from '../k8s/helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/untrusted-base-registry',
    title: 'Base image from an untrusted registry',
    severity: 'medium',
    target: 'dockerfile',
    catalog: ['D08'],
    description: 'Base images should come from registries the organisation trusts; anything else puts an unreviewed publisher in the supply chain.',
    remediation: 'Mirror the base image into a trusted registry, or add the registry to `trustedRegistries` after review.',
    decisions: 'Inactive until `trustedRegistries` is set, as in hadolint (DL3026). `docker.io` covers Docker Hub images written without a registry.',
    params: { trustedRegistries: { type: 'string[]', default: [], description: 'Allowed registries (e.g. `docker.io`, `ghcr.io/my-org`); empty disables the rule.' } },
    references: ['hadolint:DL3026'],
    fix: { available: false, note: 'Mirroring an image is an operational task.' },
  },
  check(ctx) {
    const trusted = ctx.params.trustedRegistries as string[];
    if (!trusted.length) return;
    for (const s of ctx.model.stages) {
      if (!s.image || s.parent || s.image === 'scratch') continue;
      const img = parseImage(s.image);
      const full = `${img.registry}/${img.repository}`;
      if (!trusted.some((r) => img.registry === r || full === r || full.startsWith(r.endsWith('/') ? r : `${r}/`)))
        ctx.report({ at: s.imageSpan, message: `base image ${s.image} comes from ${img.registry}, not a trusted registry` });
    }
  },
});
