// `npm run docs`: writes the generated rule docs and config schema.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { renderDocs } from './docs.js';

for (const [path, content] of renderDocs()) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}
console.log('docs/rules and schemas/ regenerated');
