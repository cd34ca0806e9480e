import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { dotted, SCHEMA_VERSION } from '../../core/k8s/schema/api-schema.js';
import { isSecurityControl, schemaProblems } from './schema-problems.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/invalid-value',
    title: 'Value of the wrong type for its field',
    severity: 'medium',
    target: 'kubernetes',
    catalog: [],
    description:
      `A value the API cannot decode into its field — \`allowPrivilegeEscalation: "false"\` (a string where a boolean goes), \`runAsUser: "1000"\`, \`privileged: "yes"\` in a JSON manifest, a mapping where a list goes — makes the API server refuse the object, and tools that coerce values read it differently than a reviewer does. Values are checked against the types of the Kubernetes API (Kubernetes ${SCHEMA_VERSION.kubernetes}, from ${SCHEMA_VERSION.source}). Under a securityContext, a host* setting, volumes or an RBAC role's rules the finding is high.`,
    remediation: 'Write the value with the type the field has: unquoted `true`/`false` for booleans, unquoted whole numbers for IDs and counts, a list or a mapping where the field takes one.',
    decisions:
      'YAML 1.1 booleans (`yes`, `on`) are booleans, as kubectl reads them. A number where a string is expected is not reported: quantities (`cpu: 1`) are strings in the API\'s types and numbers in manifests, and the API server takes both. `null` means unset and is never a wrong type.',
    references: [],
    fix: { available: false, note: 'Unquoting a value changes what it means to tools that coerced it; the author confirms.' },
  },
  check(ctx) {
    for (const p of schemaProblems(ctx.object)) {
      if (p.kind !== 'invalid-value') continue;
      ctx.report({
        at: p.node,
        message: `\`${dotted(p.path)}\` must be ${p.expected}, got ${p.got}`,
        severity: isSecurityControl(ctx.object, p.path) ? 'high' : undefined,
      });
    }
  },
});
