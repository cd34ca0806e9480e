// Every Dockerfile rule against its fixtures: `positive*.Dockerfile` mark each expected finding
// with a `# expect` line above it (Docker strips comment lines, even inside a continued RUN);
// `negative*.Dockerfile` must stay silent. An optional params.json sets rule parameters.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { scanFiles } from '../src/core/engine.js';
import { DOCKERFILE_RULES } from '../src/rules/docker/index.js';
import { FIXTURES, expectedNextLines, onlyRule, readFixture } from './helpers/fixtures.js';

for (const rule of DOCKERFILE_RULES) {
  const name = rule.meta.id.replace(/^docker\//, '');
  const dir = join(FIXTURES, 'docker', name);
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.Dockerfile')).sort() : [];
  test(`${rule.meta.id}: has positive and negative fixtures`, () => {
    assert.ok(files.some((f) => f.startsWith('positive')), `missing test/fixtures/docker/${name}/positive.Dockerfile`);
    assert.ok(files.some((f) => f.startsWith('negative')), `missing test/fixtures/docker/${name}/negative.Dockerfile`);
  });
  const params = existsSync(join(dir, 'params.json')) ? JSON.parse(readFixture('docker', name, 'params.json')) : undefined;
  for (const f of files) {
    const positive = f.startsWith('positive');
    test(`${rule.meta.id}: ${f}`, () => {
      const text = readFixture('docker', name, f);
      const path = `docker/${name}/${f}`;
      const result = scanFiles([{ path, text, kind: 'dockerfile' }], onlyRule(rule.meta.id, params), '2026-01-01');
      const expectedReason = f.includes('fragment') ? 'no FROM: checked as a fragment (instruction-level rules only)' : null;
      assert.deepEqual(result.files.map((x) => [x.status, x.reason]), [['scanned', expectedReason]], 'fixture parses, shell included');
      const got = result.findings.filter((x) => x.ruleId === rule.meta.id).map((x) => x.line).sort((a, b) => a - b);
      const want = positive ? expectedNextLines(text) : [];
      if (positive) assert.ok(want.length > 0, 'a positive fixture marks at least one expected line');
      assert.deepEqual(got, want, `findings of ${rule.meta.id} in ${path}`);
    });
  }
}
