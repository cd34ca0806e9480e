// The README's tables of the action's inputs and outputs, generated from action.yml (npm run docs).

import { load } from 'js-yaml';

interface ActionYml {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string }>;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ').trim();

export const TABLES_START = '<!-- action-tables:start (generated from action.yml by npm run docs) -->';
export const TABLES_END = '<!-- action-tables:end -->';

export function renderActionTables(yml: string): string {
  const a = load(yml) as ActionYml;
  const lines = [TABLES_START, '', '| Input | Default | Description |', '|---|---|---|'];
  for (const [name, i] of Object.entries(a.inputs)) lines.push(`| \`${name}\` | ${i.default === undefined || i.default === '' ? '' : `\`${cell(String(i.default))}\``} | ${cell(i.description)} |`);
  lines.push('', '| Output | Description |', '|---|---|');
  for (const [name, o] of Object.entries(a.outputs)) lines.push(`| \`${name}\` | ${cell(o.description)} |`);
  lines.push('', TABLES_END);
  return lines.join('\n');
}

/** Replaces the generated block in the README text. */
export function updateReadme(readme: string, yml: string): string {
  const start = readme.indexOf(TABLES_START);
  const end = readme.indexOf(TABLES_END);
  if (start < 0 || end < 0) throw new Error('README has no action-tables markers');
  return readme.slice(0, start) + renderActionTables(yml) + readme.slice(end + TABLES_END.length);
}
