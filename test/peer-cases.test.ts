// riskgate agrees with the peers on a sample of their own test cases (test/fixtures/peers).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFiles } from '../src/core/engine.js';
import { defaultConfig } from '../src/core/config.js';
import { ruleMetas } from '../src/rules/index.js';
import { normalizeRef } from '../src/core/suppress.js';
import { readFixture } from './helpers/fixtures.js';

interface Case { file: string; source: string; type: string; expect: { ref: string; fires: boolean; lines?: number[] }[] }
const cases = JSON.parse(readFixture('peers', 'cases.json')) as Case[];
const config = defaultConfig();
for (const r of ruleMetas()) config.rules[r.id] = { enabled: true };

for (const c of cases) {
  test(`${c.source}`, () => {
    const r = scanFiles([{ path: c.file, text: readFixture('peers', c.file), kind: c.type === 'dockerfile' ? 'dockerfile' : 'manifest' }], config, '2026-01-01');
    for (const e of c.expect) {
      const rules = new Set(ruleMetas().filter((m) => m.references.some((ref) => normalizeRef(ref) === normalizeRef(e.ref))).map((m) => m.id));
      assert.ok(rules.size > 0, `a riskgate rule lists ${e.ref}`);
      const hits = r.findings.filter((f) => rules.has(f.ruleId));
      if (!e.fires) {
        assert.deepEqual(hits.map((f) => `${f.ruleId}:${f.line}`), [], `${e.ref} does not fire`);
        continue;
      }
      assert.ok(hits.length > 0, `${e.ref} fires`);
      for (const line of e.lines ?? []) assert.ok(hits.some((f) => f.line === line), `${e.ref} reported on line ${line} (got ${hits.map((f) => f.line).join(', ')})`);
    }
  });
}
