// JSON and SARIF validate against their schemas; text output cannot be hijacked by file content.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import { scanFiles } from '../src/core/engine.js';
import { toJsonReport } from '../src/report/json.js';
import { toSarif } from '../src/report/sarif.js';
import { formatText } from '../src/report/text.js';
import { ruleMetas } from '../src/rules/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const sarifSchema = JSON.parse(readFileSync(`${ROOT}test/schemas/sarif-2.1.0.json`, 'utf8'));
const reportSchema = JSON.parse(readFileSync(`${ROOT}schemas/riskgate-report.schema.json`, 'utf8'));

const TEXT = `apiVersion: v1
kind: Pod
metadata:
  name: "evil\\u001b[2J\\u0007name"
  namespace: shop
  annotations:
    riskgate.dev/ignore: "k8s/host-pid -- reviewed"
spec:
  hostPID: true
  containers:
    - name: "c\\u001b]8;;http://x\\u0007"
      image: nginx
      securityContext: {privileged: true}
`;

const result = () => scanFiles([{ path: 'dir with space/pod #1.yaml', text: TEXT }, { path: 'broken.yaml', text: 'kind: [' }]);

test('JSON report matches its schema and documented shape', () => {
  const report = toJsonReport(result()) as { findings: { suppressed: unknown; path: string }[]; files: { status: string }[] };
  const ajv = new (Ajv as unknown as typeof Ajv.default)({ allErrors: true });
  const validate = ajv.compile(reportSchema);
  assert.ok(validate(report), JSON.stringify(validate.errors));
  assert.ok(report.findings.some((f) => f.suppressed !== null), 'suppressed findings stay in the report');
  assert.ok(report.files.some((f) => f.status === 'error'));
});

test('SARIF validates against the official 2.1.0 schema', () => {
  const sarif = toSarif(result(), ruleMetas()) as { runs: { results: { suppressions?: unknown; partialFingerprints: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[]; tool: { driver: { rules: { properties: Record<string, unknown>; helpUri: string }[] } } }[] };
  const ajv = new (AjvDraft04 as unknown as typeof AjvDraft04.default)({ allErrors: true, strict: false, unicodeRegExp: false });
  const validate = ajv.compile(sarifSchema);
  assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5)));
  const run = sarif.runs[0];
  assert.ok(run.tool.driver.rules.every((r) => typeof r.properties['security-severity'] === 'string' && r.helpUri.startsWith('https://')));
  assert.ok(run.results.some((r) => r.suppressions), 'suppressed results carry SARIF suppressions');
  assert.ok(run.results.every((r) => r.partialFingerprints['riskgate/v1'] && r.locations[0].physicalLocation.region.startLine >= 1));
  assert.equal(run.results[0].locations[0].physicalLocation.artifactLocation.uri, 'dir%20with%20space/pod%20%231.yaml');
});

test('text output strips terminal escapes from file content', () => {
  const out = formatText(result(), { color: false });
  assert.ok(!out.includes('\u001b'), 'no ESC reaches the terminal');
  assert.ok(!out.includes('\u0007'));
  assert.match(out, /dir with space\/pod #1\.yaml:13:\d+ critical k8s\/privileged-container/);
  assert.match(out, /broken\.yaml: document 1: invalid YAML/);
});

test('colour only when asked', () => {
  assert.ok(formatText(result(), { color: true }).includes('\u001b['));
  assert.ok(!formatText(result(), { color: false }).includes('\u001b['));
});
