// Recognizes credentials by name and by shape. Shared by the env-var and ConfigMap checks.

export const SECRET_NAME = /(pass(word|wd)?|secret|token|api[_-]?key|apikey|private[_-]?key|access[_-]?key|credential|auth[_-]?key|client[_-]?secret|[_-]pwd$)/i;
/** Names that contain a secret word but hold no secret (a file path, a flag, a username). */
const HARMLESS_NAME = /(_file|_path|_dir|_url|_uri|_endpoint|_enabled|_length|_ttl|_timeout|_expiry|_expires|_type|_name|_header|_rotation|_tokens|_count|_size|_limit|_max|_min)$/i;

/**
 * Values that stand in for a credential rather than being one: the secret word itself (`SECRET`,
 * `password`), an instruction (`changeme`, `replace-me`, `your-api-key`, `<key>`), a mask
 * (`XXXX`, `****`), a reference to a variable (`${TOKEN}`, `$(TOKEN)`, `{{ .token }}`), or the name of
 * another variable in capitals (`HF_TOKEN`). kube-linter's and Kubescape's own test cases draw the
 * same line; a security engineer dismisses these, so reporting them buries the real ones.
 */
const PLACEHOLDER = [
  /^\$[({].*[)}]$/, /^\$[A-Z_][A-Z0-9_]*$/, /^<.*>$/, /^\{\{.*\}\}$/, /^\[.*\]$/,
  /^(true|false|yes|no|on|off|none|null|nil|empty|redacted|example|placeholder|dummy|sample|test|todo|tbd|fixme|unset|undefined)$/i,
  /^(change|replace|update|insert|enter|set|put|fill)[-_ ]?(me|it|this|here|later)?([-_ ].*)?$/i,
  /^(your|my|some|the)[-_ ]?(own[-_ ])?(secret|password|passwd|pass|token|api[-_ ]?key|key|access[-_ ]?key|credentials?)([-_ ]?here)?$/i,
  /^(your|insert|enter)[-_ ].*$/i,
  /^(x+|\*+|\.+|#+|-+|0+)$/i,
  /^(secret|password|passwd|pass|pwd|token|api[-_ ]?key|apikey|key|credentials?|private[-_ ]?key|access[-_ ]?key)$/i,
  /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/, // another variable's name, HF_TOKEN
  /^[a-z0-9]+-[A-Z]{3,}KEY$/, // a vendor prefix and a capitalised stand-in: nvapi-NVKEY
  /^\d{1,6}$/, // a count or a port, not a credential
];

export function isSecretPlaceholder(value: string): boolean {
  const v = value.trim();
  return PLACEHOLDER.some((re) => re.test(v));
}

export const SECRET_VALUES: { name: string; re: RegExp }[] = [
  { name: 'AWS access key ID', re: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'GitHub token', re: /\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{40,}\b/ },
  { name: 'GitLab token', re: /\bglpat-[A-Za-z0-9_-]{20}\b/ },
  { name: 'Slack token', re: /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/ },
  { name: 'Google API key', re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { name: 'private key', re: /-----BEGIN (RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/ },
  { name: 'JSON Web Token', re: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\b/ },
  { name: 'Stripe secret key', re: /\bsk_live_[0-9a-zA-Z]{24,}\b/ },
  { name: 'OpenAI API key', re: /\bsk-(proj-)?[A-Za-z0-9_-]{32,}\b/ },
  { name: 'password in URL', re: /[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s/@$]{3,}@/i },
];

export function secretValueKind(value: string): string | null {
  for (const s of SECRET_VALUES) if (s.re.test(value)) return s.name;
  return null;
}

/** A literal that looks like a real secret under a secret-like name (not a placeholder, reference or boolean). */
export function isSecretLiteral(name: string, value: string): boolean {
  if (!SECRET_NAME.test(name) || HARMLESS_NAME.test(name)) return false;
  const v = value.trim();
  if (v.length < 4) return false;
  if (isSecretPlaceholder(v)) return false;
  if (/^\/[\w./-]*$/.test(v)) return false; // a path
  return true;
}
