import { YScalar } from '../../core/yaml/ast.js';
import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { describeContainer, eachContainer } from './helpers.js';
import { isSecretLiteral, secretValueKind } from './secret-patterns.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/hardcoded-secret-env',
    title: 'Secret value hard-coded in an environment variable',
    severity: 'high',
    target: 'kubernetes',
    catalog: ['K40'],
    description: 'A credential written into the manifest is in the repository history forever, readable by everyone with read access and by anyone who can `get` the workload.',
    remediation: 'Rotate the credential, then store it in a Secret (or an external secret manager) and reference it; never commit the value.',
    references: ['kube-linter:env-var-secret', 'polaris:sensitiveContainerEnvVar', 'kubescape:C-0012', 'kubescape:C-0259', 'datree:ALL_EXPOSED_SECRET_AWS', 'datree:ALL_EXPOSED_SECRET_GITHUB', 'datree:ALL_EXPOSED_SECRET_JWT', 'datree:ALL_EXPOSED_SECRET_PRIVATE_KEY'],
    fix: { available: false, note: 'The credential must be rotated; deleting the line does not un-leak it.' },
  },
  check(ctx) {
    eachContainer(ctx, (c) => {
      for (const e of c.node.maps('env')) {
        const name = e.str('name') ?? '';
        const v = e.get('value');
        if (!(v instanceof YScalar) || v.value === null) continue;
        const value = String(v.value);
        const kind = secretValueKind(value);
        if (kind) ctx.report({ at: v.pair ?? v, container: c, message: `${describeContainer(c)} env var ${name} contains a ${kind}` });
        else if (isSecretLiteral(name, value)) ctx.report({ at: v.pair ?? v, container: c, message: `${describeContainer(c)} env var ${name} has a hard-coded secret value` });
      }
    });
  },
});
