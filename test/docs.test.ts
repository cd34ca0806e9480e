// The rule docs and the config schema are generated from metadata: fail when the committed
// files differ from what the metadata produces (run `npm run docs`).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderDocs } from '../scripts/docs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('generated docs and schema are up to date (npm run docs)', () => {
  const stale: string[] = [];
  for (const [path, content] of renderDocs()) {
    const abs = join(ROOT, path);
    if (!existsSync(abs) || readFileSync(abs, 'utf8') !== content) stale.push(path);
  }
  assert.deepEqual(stale, [], 'stale generated files; run npm run docs');
});

test('no rule doc exists for a rule that is gone', () => {
  const expected = new Set([...renderDocs().keys()].filter((p) => p.startsWith('docs/rules/')));
  const walk = (dir: string): string[] => readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(`${dir}/${d.name}`) : [`${dir}/${d.name}`]));
  const orphans = walk('docs/rules').filter((p) => !expected.has(p));
  assert.deepEqual(orphans, []);
});

test('Kubernetes catalog coverage is at least 68 of 73 rows', () => {
  const index = renderDocs().get('docs/rules/README.md')!;
  const m = /### Kubernetes: (\d+) of (\d+) rows covered/.exec(index);
  assert.ok(m, 'index states Kubernetes coverage');
  assert.equal(Number(m[2]), 73);
  assert.ok(Number(m[1]) >= 68, `covered ${m[1]}`);
});

test('Dockerfile catalog coverage is at least 45 of 47 rows', () => {
  const index = renderDocs().get('docs/rules/README.md')!;
  const m = /### Dockerfile: (\d+) of (\d+) rows covered/.exec(index);
  assert.ok(m, 'index states Dockerfile coverage');
  assert.equal(Number(m[2]), 47);
  assert.ok(Number(m[1]) >= 45, `covered ${m[1]}`);
});
