import { YScalar } from '../../core/yaml/ast.js';
import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { isSecretLiteral, secretValueKind } from './secret-patterns.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/secret-in-configmap',
    title: 'Secret stored in a ConfigMap',
    severity: 'high',
    target: 'kubernetes',
    catalog: ['K41'],
    description: 'ConfigMaps are not meant for secrets: RBAC grants read on them widely, they are not encrypted at rest by default configuration, and they end up in logs and dumps.',
    remediation: 'Move the value to a Secret (or an external secret manager) and rotate it.',
    decisions: 'A key only counts when its name looks secret and its value is a literal (not a path, placeholder or boolean), or when the value has the shape of a known credential: Trivy\'s name-only check is a known false-positive source (trivy#8198). Trivy KSV-01010 (usernames and e-mail addresses in a ConfigMap) is not cited: this rule does not report those.',
    references: ['trivy:KSV-0109', 'polaris:sensitiveConfigmapContent', 'kubescape:C-0012'],
    fix: { available: false, note: 'The value must move to a Secret and be rotated.' },
  },
  check(ctx) {
    const o = ctx.object;
    if (o.kind !== 'ConfigMap') return;
    const data = o.node.map('data');
    if (!data) return;
    for (const p of data.pairs) {
      if (!(p.value instanceof YScalar) || p.value.value === null) continue;
      const value = String(p.value.value);
      const kind = secretValueKind(value);
      if (kind) ctx.report({ at: p, message: `ConfigMap ${o.name} key ${p.keyText} contains a ${kind}` });
      else if (!value.includes('\n') && isSecretLiteral(p.keyText, value)) ctx.report({ at: p, message: `ConfigMap ${o.name} key ${p.keyText} holds a secret-like value` });
    }
  },
});
