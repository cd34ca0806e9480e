import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig, ConfigError } from '../src/core/config.js';
import { ruleMetas } from '../src/rules/index.js';
import { scanFiles } from '../src/core/engine.js';

const rules = ruleMetas();
const parse = (text: string) => parseConfig(text, '.riskgate.yaml', rules);

test('a valid configuration', () => {
  const c = parse(`failOn: medium
exclude: [charts/**]
maxFileSize: 1000000
rules:
  k8s/resources: off
  k8s/image-digest: high
  k8s/non-isolated-pod: on
  k8s/untrusted-registry:
    severity: critical
    params:
      trustedRegistries: [ghcr.io/acme]
`);
  assert.equal(c.failOn, 'medium');
  assert.deepEqual(c.exclude, ['charts/**']);
  assert.equal(c.rules['k8s/resources'].enabled, false);
  assert.equal(c.rules['k8s/image-digest'].severity, 'high');
  assert.deepEqual(c.rules['k8s/untrusted-registry'].params, { trustedRegistries: ['ghcr.io/acme'] });
});

test('errors name the file, line, column and key, and suggest the fix', () => {
  const cases: [string, RegExp][] = [
    ['failOn: hgh\n', /^\.riskgate\.yaml:1:9: failOn must be one of critical, high, medium, low, info, none; got "hgh"/],
    ['fialOn: high\n', /^\.riskgate\.yaml:1:1: unknown key 'fialOn' \(did you mean 'failOn'\?\)/],
    ['rules:\n  k8s/privileged-containr: off\n', /^\.riskgate\.yaml:2:3: unknown rule 'k8s\/privileged-containr' \(did you mean 'k8s\/privileged-container'\?\)/],
    ['rules:\n  k8s/resources:\n    params:\n      requireCpu: false\n', /^\.riskgate\.yaml:4:7: rule k8s\/resources has no parameter 'requireCpu'; its parameters: requireCpuLimit/],
    ['rules:\n  k8s/resources:\n    params:\n      requireCpuLimit: "no"\n', /^\.riskgate\.yaml:4:24: .*must be a boolean/],
    ['maxFileSize: big\n', /^\.riskgate\.yaml:1:14: maxFileSize must be a positive whole number/],
    ['exclude: {a: 1}\n', /^\.riskgate\.yaml:1:10: exclude must be a list of strings/],
    ['failOn: [\n', /^\.riskgate\.yaml:\d+:\d+: invalid YAML/],
    ['- a\n', /the configuration must be a mapping/],
  ];
  for (const [text, re] of cases) assert.throws(() => parse(text), (e: unknown) => e instanceof ConfigError && re.test(e.message), text);
});

test('severity overrides and disabled rules apply to the scan', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: s}\nspec:\n  containers: [{name: a, image: "nginx:1.27", securityContext: {privileged: true}}]\n';
  const config = parse('rules:\n  k8s/privileged-container: low\n  k8s/resources: off\n');
  const r = scanFiles([{ path: 'p.yaml', text }], config);
  assert.equal(r.findings.find((f) => f.ruleId === 'k8s/privileged-container')?.severity, 'low');
  assert.ok(!r.findings.some((f) => f.ruleId === 'k8s/resources'));
});

test('an empty configuration file means defaults', () => {
  assert.equal(parse('# nothing yet\n').failOn, 'high');
});
