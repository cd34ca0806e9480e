// `npm run docs`: writes the generated rule docs and config schema.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { renderDocs } from './docs.js';
import { readFileSync } from 'node:fs';
import { updateReadme } from './action-docs.js';
import { withCommandReference } from '../src/cli/usage.js';

for (const [path, content] of renderDocs()) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}
writeFileSync('README.md', withCommandReference(updateReadme(readFileSync('README.md', 'utf8'), readFileSync('action.yml', 'utf8'))));
console.log('docs/rules, schemas/ and the README action tables and command reference regenerated');
