import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { describeContainer, eachContainer } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/secret-in-env',
    title: 'Secret exposed as environment variable',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K39'],
    description: 'Environment variables leak: they are inherited by child processes, printed in crash dumps and debug pages, and visible in `/proc/*/environ`. Mounted secret files do not.',
    remediation: 'Mount the Secret as a volume and read the file, instead of `secretKeyRef` / `envFrom.secretRef`.',
    references: ['checkov:CKV_K8S_35', 'kube-linter:read-secret-from-env-var', 'kubesec:SecretsAsEnvironmentVariables', 'kubescape:C-0207', 'kics:3d658f8b-d988-41a0-a841-40043121de1e', 'datree:CIS_INVALID_KEY_SECRETKEYREF_SECRETREF'],
    fix: { available: false, note: 'The application must read the file instead.' },
  },
  check(ctx) {
    eachContainer(ctx, (c) => {
      for (const e of c.node.maps('env')) {
        const ref = e.map('valueFrom')?.pairOf('secretKeyRef');
        if (ref) ctx.report({ at: ref, keyOnly: true, container: c, message: `${describeContainer(c)} reads secret into env var ${e.str('name') ?? ''}` });
      }
      for (const e of c.node.maps('envFrom')) {
        const ref = e.pairOf('secretRef');
        if (ref) ctx.report({ at: ref, keyOnly: true, container: c, message: `${describeContainer(c)} loads a whole Secret into its environment` });
      }
    });
  },
});
