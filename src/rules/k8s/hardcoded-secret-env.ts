import { YScalar } from '../../core/yaml/ast.js';
import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { describeContainer, eachContainer } from './helpers.js';
import { isSecretLiteral, secretValueKind } from './secret-patterns.js';

/** The condition of each value shape secret-patterns recognizes that a peer checks on its own. */
const KIND_CONDITION: Record<string, string> = { 'AWS access key ID': 'aws', 'GitHub token': 'github', 'JSON Web Token': 'jwt', 'private key': 'private-key' };

export default defineKubeRule({
  meta: {
    id: 'k8s/hardcoded-secret-env',
    title: 'Secret value hard-coded in an environment variable',
    severity: 'high',
    target: 'kubernetes',
    catalog: ['K40'],
    description: 'A credential written into the manifest is in the repository history forever, readable by everyone with read access and by anyone who can `get` the workload.',
    remediation: 'Rotate the credential, then store it in a Secret (or an external secret manager) and reference it; never commit the value.',
    decisions:
      'Each peer is cited for its own reading: kube-linter (env-var-secret) for a literal under a name containing "secret"; Polaris and Kubescape for a secret-like name or a private key; ' +
      'Datree\'s vendor checks for the value shapes they match (AWS access key ID, GitHub token, JWT, private key). Placeholders (`changeme`, `${VAR}`, `<...>`) and paths are not secrets.',
    conditions: [
      { id: 'name', when: 'a literal under a secret-like name (password, token, secret, api key, credential, …)', references: ['polaris:sensitiveContainerEnvVar', 'kubescape:C-0012', 'kubescape:C-0259'] },
      { id: 'name-secret', when: 'a literal under a name containing "secret"', references: ['kube-linter:env-var-secret'] },
      { id: 'aws', when: 'the value is an AWS access key ID', references: ['datree:ALL_EXPOSED_SECRET_AWS'] },
      { id: 'github', when: 'the value is a GitHub token', references: ['datree:ALL_EXPOSED_SECRET_GITHUB'] },
      { id: 'jwt', when: 'the value is a JSON Web Token', references: ['kubescape:C-0012', 'datree:ALL_EXPOSED_SECRET_JWT'] },
      { id: 'private-key', when: 'the value holds a private key', references: ['polaris:sensitiveContainerEnvVar', 'kubescape:C-0012', 'datree:ALL_EXPOSED_SECRET_PRIVATE_KEY'] },
      { id: 'token', when: 'the value has the shape of another vendor\'s credential (GitLab, Slack, Google, Stripe, OpenAI, a password in a URL)', references: [] },
    ],
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
        const condition = [
          ...(kind ? [KIND_CONDITION[kind] ?? 'token'] : []),
          ...(isSecretLiteral(name, value) ? ['name'] : []),
          ...(/secret/i.test(name) && value !== '' && (kind || isSecretLiteral(name, value)) ? ['name-secret'] : []),
        ];
        if (!condition.length) continue;
        const message = kind ? `${describeContainer(c)} env var ${name} contains a ${kind}` : `${describeContainer(c)} env var ${name} has a hard-coded secret value`;
        ctx.report({ at: v.pair ?? v, container: c, condition, message });
      }
    });
  },
});
