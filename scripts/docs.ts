// Renders the rule documentation and the config JSON Schema from rule metadata. The docs are
// committed; test/docs.test.ts fails when they are stale. Regenerate with `npm run docs`.

import { ruleMetas } from '../src/rules/index.js';
import { configJsonSchema } from '../src/core/config.js';
import type { RuleMeta } from '../src/core/rule.js';
import { CATALOG } from './catalog.js';

/** Catalog rows riskgate does not cover, and why. */
export const NOT_COVERED: Record<string, string> = {};

export function renderDocs(): Map<string, string> {
  const rules = ruleMetas();
  const files = new Map<string, string>();
  for (const r of rules) files.set(`docs/rules/${r.id}.md`, ruleDoc(r));
  files.set('docs/rules/README.md', index(rules));
  files.set('schemas/riskgate-config.schema.json', JSON.stringify(configJsonSchema(rules), null, 2) + '\n');
  return files;
}

const escapeCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function ruleDoc(r: RuleMeta): string {
  const lines = [
    '<!-- Generated from the rule\'s metadata by `npm run docs`; edit the rule module, not this file. -->',
    `# ${r.id}: ${r.title}`,
    '',
    `| | |`,
    `|---|---|`,
    `| Severity | **${r.severity}** |`,
    `| Applies to | ${r.target === 'any' ? 'all files' : r.target === 'dockerfile' ? 'Dockerfiles' : 'Kubernetes manifests'} |`,
    `| Enabled by default | ${r.enabledByDefault === false ? 'no (opt in: `rules: {' + r.id + ': on}`)' : 'yes'} |`,
    `| Automatic fix | ${r.fix?.available ? (r.fix.unsafe ? 'yes, unsafe (can change behaviour: offered to check, applied by `riskgate fix` only with `--unsafe-fixes`)' : 'yes, safe') : 'no'}${r.fix ? `: ${escapeCell(r.fix.note)}` : ''} |`,
    `| Catalog rows | ${r.catalog.join(', ') || '-'} |`,
    '',
    '## What it finds',
    '',
    r.description,
    '',
    '## How to fix it',
    '',
    r.remediation,
    '',
  ];
  if (r.decisions) lines.push('## Where peers disagree', '', r.decisions, '');
  if (r.params && Object.keys(r.params).length) {
    lines.push('## Parameters', '', '| Name | Type | Default | Meaning |', '|---|---|---|---|');
    for (const [k, p] of Object.entries(r.params)) lines.push(`| \`${k}\` | ${p.type} | \`${escapeCell(JSON.stringify(p.default))}\` | ${escapeCell(p.description)} |`);
    lines.push('', 'Set them in `.riskgate.yaml`:', '', '```yaml', 'rules:', `  ${r.id}:`, '    params:', ...Object.entries(r.params).map(([k, p]) => `      ${k}: ${JSON.stringify(p.default)}`), '```', '');
  }
  if (r.conditions?.length) {
    lines.push(
      '## Same check in other tools',
      '',
      'Each finding names the condition it meets and cites only the peer checks of that condition; a suppression written for one of these IDs silences only the findings that cite it.',
      '',
      '| Condition | When | Peer checks |',
      '|---|---|---|',
    );
    for (const c of r.conditions) lines.push(`| \`${c.id}\` | ${escapeCell(c.when)} | ${c.references.map((x) => `\`${x}\``).join(', ')} |`);
    lines.push('');
  } else if (r.references.length) {
    lines.push('## Same check in other tools', '', 'Suppressions written for these IDs (annotations, comments) also silence this rule.', '');
    for (const ref of r.references) lines.push(`- \`${ref}\``);
    lines.push('');
  }
  lines.push('## Suppressing it', '', 'On or above the line:', '', '```yaml', `# riskgate-ignore ${r.id} -- <why this is acceptable>`, '```', '');
  return lines.join('\n');
}

function index(rules: RuleMeta[]): string {
  const lines = [
    '<!-- Generated from rule metadata by `npm run docs`; do not edit. -->',
    '# riskgate rules',
    '',
    `${rules.length} rules. Severity is the default; change it per rule in \`.riskgate.yaml\`.`,
    '',
    '| Rule | Severity | Title | Default | Fix |',
    '|---|---|---|---|---|',
  ];
  for (const r of rules) lines.push(`| [${r.id}](${r.id}.md) | ${r.severity} | ${escapeCell(r.title)} | ${r.enabledByDefault === false ? 'off' : 'on'} | ${r.fix?.available ? (r.fix.unsafe ? 'unsafe' : 'safe') : ''} |`);
  lines.push('', '## Coverage of the peer catalog', '', 'Each row of the catalog of checks that hadolint, Trivy, Checkov, KICS, kube-linter, kube-score, Polaris, kubesec and Kubescape make, and the riskgate rules that cover it.', '');
  for (const prefix of ['K', 'D']) {
    const ids = Object.keys(CATALOG).filter((k) => k.startsWith(prefix));
    const covered = ids.filter((id) => rules.some((r) => r.catalog.includes(id)));
    lines.push(`### ${prefix === 'K' ? 'Kubernetes' : 'Dockerfile'}: ${covered.length} of ${ids.length} rows covered`, '', '| Row | Check | riskgate rules |', '|---|---|---|');
    for (const id of ids) {
      const by = rules.filter((r) => r.catalog.includes(id)).map((r) => `[${r.id}](${r.id}.md)`);
      lines.push(`| ${id} | ${escapeCell(CATALOG[id])} | ${by.join(', ') || `not covered: ${NOT_COVERED[id] ?? 'not yet implemented'}`} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
