import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { describeContainer, eachContainer, parseImage } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/untrusted-registry',
    title: 'Image from an untrusted or frozen registry',
    severity: 'medium',
    target: 'kubernetes',
    catalog: ['K34'],
    description:
      'Images should come from registries the organisation controls or trusts. `k8s.gcr.io` is frozen and no longer receives fixes (use `registry.k8s.io`).',
    remediation: 'Mirror the image into a trusted registry, or add the registry to `trustedRegistries` after review.',
    decisions: 'With `trustedRegistries` empty (the default) only `deniedRegistries` are reported, as hadolint does for DL3026; set it to enforce an allow-list.',
    params: {
      trustedRegistries: { type: 'string[]', default: [], description: 'Allowed registries (e.g. `ghcr.io/my-org`, `123456789012.dkr.ecr.eu-west-1.amazonaws.com`); empty disables the allow-list.' },
      deniedRegistries: { type: 'string[]', default: ['k8s.gcr.io'], description: 'Registries always reported.' },
    },
    conditions: [
      { id: 'denied', when: 'the image comes from a registry in deniedRegistries', references: ['kubescape:C-0001'] },
      { id: 'frozen', when: 'the image comes from k8s.gcr.io, frozen since 2023', references: ['kubescape:C-0253'] },
      { id: 'untrusted', when: 'trustedRegistries is set and the image comes from none of them', references: ['trivy:KSV-0125', 'kubescape:C-0078'] },
    ],
    references: ['trivy:KSV-0125', 'kubescape:C-0001', 'kubescape:C-0078', 'kubescape:C-0253'],
    fix: { available: false, note: 'Mirroring an image is an operational task.' },
  },
  check(ctx) {
    const trusted = ctx.params.trustedRegistries as string[];
    const denied = ctx.params.deniedRegistries as string[];
    eachContainer(ctx, (c) => {
      if (!c.image || /\$[({]/.test(c.image)) return;
      const img = parseImage(c.image);
      const full = `${img.registry}/${img.repository}`;
      const at = c.node.pairOf('image')!;
      const matches = (r: string) => full === r || full.startsWith(r.endsWith('/') ? r : `${r}/`) || img.registry === r;
      if (denied.some(matches)) ctx.report({ at, container: c, condition: img.registry === 'k8s.gcr.io' ? ['denied', 'frozen'] : 'denied', message: `${describeContainer(c)} pulls from denied registry ${img.registry}${img.registry === 'k8s.gcr.io' ? ' (frozen; use registry.k8s.io)' : ''}` });
      else if (trusted.length && !trusted.some(matches)) ctx.report({ at, container: c, condition: 'untrusted', message: `${describeContainer(c)} pulls from ${img.registry}, not a trusted registry` });
    });
  },
});
