import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { dotted, plainTypeName, SCHEMA_VERSION } from '../../core/k8s/schema/api-schema.js';
import { isSecurityControl, schemaProblems } from './schema-problems.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/unknown-field',
    title: 'Field the Kubernetes API does not know',
    severity: 'medium',
    target: 'kubernetes',
    catalog: [],
    description:
      `A key the Kubernetes API does not have for that object is dropped by the API server (or the apply is refused under strict field validation): a control written with a typo (\`runAsNonroot: true\`), with the wrong case, or one level off (\`securityContext\` directly under a Deployment's \`spec\`, \`runAsNonRoot\` directly under a container) reads like protection in review and does nothing. Objects of built-in kinds are checked against the API's own field list (Kubernetes ${SCHEMA_VERSION.kubernetes}, from ${SCHEMA_VERSION.source}, which is generated from the official OpenAPI spec); fields are never removed from GA APIs, so the list holds for manifests written for earlier versions. Under a securityContext, a host* setting, volumes or an RBAC role's rules the finding is high.`,
    remediation: 'Use the field name the API defines (the finding suggests the closest one, or where a field of that name belongs), at the level where it belongs.',
    decisions:
      'Custom resources and kinds of API versions Kubernetes 1.34 no longer serves are not checked (k8s/deprecated-api reports the latter). Like kubeconform in strict mode, but: riskgate also says where a misplaced field belongs, and does not report missing required fields (other rules report the missing controls that matter). Status is validated like spec. Severity is high under securityContext, host* settings, volumes and RBAC rules, medium elsewhere; a severity set in .riskgate.yaml applies to all.',
    references: [],
    fix: { available: false, note: 'Which field was meant is for the author to confirm; the message names the likely one.' },
  },
  check(ctx) {
    for (const p of schemaProblems(ctx.object)) {
      if (p.kind !== 'unknown-field') continue;
      const where = dotted(p.path.slice(0, -1)) || 'the top level';
      const hint = p.suggestion ? `; did you mean ${p.suggestion.includes('.') ? `\`${p.suggestion}\` (the field belongs there)` : `\`${p.suggestion}\``}?` : '';
      ctx.report({
        at: p.pair,
        keyOnly: true,
        message: `\`${p.pair.keyText}\` is not a field of ${plainTypeName(p.typeName)} (at ${where}): Kubernetes ignores or refuses it${hint}`,
        severity: isSecurityControl(ctx.object, p.path) || (p.suggestion !== null && isSecurityControl(ctx.object, p.suggestion.split('.'))) ? 'high' : undefined,
      });
    }
  },
});
