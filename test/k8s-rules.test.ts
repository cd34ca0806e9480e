// Every Kubernetes rule against its positive and negative fixture: the positive file marks
// each line a finding must start on with `# expect`; the negative file must stay silent.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { scanFiles } from '../src/core/engine.js';
import { defaultConfig } from '../src/core/config.js';
import { KUBERNETES_RULES } from '../src/rules/k8s/index.js';
import { FIXTURES, expectedLines, onlyRule, readFixture } from './helpers/fixtures.js';

for (const rule of KUBERNETES_RULES) {
  const name = rule.meta.id.replace(/^k8s\//, '');
  test(`${rule.meta.id}: has positive and negative fixtures`, () => {
    assert.ok(existsSync(join(FIXTURES, 'k8s', name, 'positive.yaml')), `missing test/fixtures/k8s/${name}/positive.yaml`);
    assert.ok(existsSync(join(FIXTURES, 'k8s', name, 'negative.yaml')), `missing test/fixtures/k8s/${name}/negative.yaml`);
  });
  for (const kind of ['positive', 'negative'] as const) {
    const file = join('k8s', name, `${kind}.yaml`);
    if (!existsSync(join(FIXTURES, file))) continue;
    test(`${rule.meta.id}: ${kind} fixture`, () => {
      const text = readFixture(file);
      const result = scanFiles([{ path: file, text }], onlyRule(rule.meta.id), '2026-01-01');
      const errors = result.files.filter((f) => f.status !== 'scanned');
      assert.deepEqual(errors, [], 'fixture must parse');
      const got = result.findings.filter((f) => f.ruleId === rule.meta.id).map((f) => f.line).sort((a, b) => a - b);
      const want = kind === 'positive' ? expectedLines(text) : [];
      if (kind === 'positive') assert.ok(want.length > 0, 'a positive fixture marks at least one expected line');
      assert.deepEqual(got, want, `findings of ${rule.meta.id} in ${file}`);
    });
  }
}

test('an OpenShift DeploymentConfig is a workload even before it lists containers, as kube-linter reads it', () => {
  const r = scanFiles([{ path: 'dc.yaml', text: 'apiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: app, namespace: shop}\nspec:\n  template:\n    spec:\n      serviceAccount: legacy\n      hostIPC: true\n' }], defaultConfig());
  const rules = new Set(r.findings.map((f) => f.ruleId));
  assert.ok(rules.has('k8s/host-ipc'), [...rules].join(', '));
  assert.ok(r.findings.some((f) => f.ruleId === 'k8s/service-account' && /deprecated|serviceAccount\b/.test(f.message)), r.findings.map((f) => `${f.ruleId}: ${f.message}`).join('\n'));
});
