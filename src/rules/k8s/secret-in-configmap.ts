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
    decisions: 'A key only counts when its name looks secret and its value is a literal (not a path, placeholder or boolean), or when the value has the shape of a known credential: Trivy\'s name-only check is a known false-positive source (trivy#8198). A file kept in a ConfigMap (`.env`, properties, YAML) is read line by line the same way: a line setting a secret-named key to a literal counts, a reference (`${VAR}`, `$(…)`, `{{ }}`) does not. Trivy KSV-01010 (usernames and e-mail addresses in a ConfigMap) is not cited: this rule does not report those.',
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
      else {
        // A file kept in the ConfigMap (.env, properties, YAML): a line setting a secret-named key
        // to a literal, as Trivy KSV-0109 reads values (`password=…`, `token: …`).
        const line = embeddedSecret(value);
        if (line) ctx.report({ at: p, message: `ConfigMap ${o.name} key ${p.keyText} sets ${line.name} to a literal (line ${line.line} of its value)` });
      }
    }
  },
});

/** The first `NAME=value` or `NAME: value` line of a multi-line or one-line value whose name looks secret and whose value is a literal. */
function embeddedSecret(value: string): { name: string; line: number } | null {
  const lines = value.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*(?:export\s+)?([A-Za-z][\w.-]*)\s*[=:]\s*(.*?)\s*$/.exec(lines[i]);
    if (!m || !m[2]) continue;
    const v = m[2].replace(/^(["'])(.*)\1$/, '$2');
    // Interpolated or templated values are references, not secrets (Trivy skips them too). Code
    // (`token=os.environ["HF_TOKEN"]`, `self.tokenizer = AutoTokenizer.from_pretrained(…)`) and
    // nsswitch.conf's databases (`passwd: files`) are not credentials either.
    if (/^(\$\{|\$\(|\{\{)/.test(v) || /[\s()[\]"'`,;]/.test(v) || v.length < 4) continue;
    if (/^(passwd|shadow|gshadow|group)$/.test(m[1]) && /^(files|compat|systemd|ldap|nis|sss|db|winbind|dns)\b/.test(v)) continue;
    if (isSecretLiteral(m[1], v)) return { name: m[1], line: i + 1 };
  }
  return null;
}
