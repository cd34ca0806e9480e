// Risk model v2: every finding counts, blocked resources get a path to green, scores name their
// attack paths, and a run says which model scored it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { predict } from '../src/core/risk/score.js';
import { featureVector } from '../src/core/risk/features.js';
import { kindsForRule, syntheticFinding, syntheticResource } from '../src/core/risk/single-finding.js';
import { ATTACK_PATHS } from '../src/core/risk/attack-paths.js';
import { addPathsToGreen } from '../src/core/risk/path-to-green.js';
import { markOutliers } from '../src/core/risk/explain.js';
import { scoreResources } from '../src/core/risk/score.js';
import { scanFiles } from '../src/core/engine.js';
import { ruleMetas } from '../src/rules/index.js';
import { SEVERITIES, type Severity } from '../src/core/types.js';
import { modelIdentity } from '../src/core/identity.js';

test('every rule moves the score: a resource whose only finding is that rule scores above the same resource with none', async () => {
  const metas = ruleMetas();
  const rows: number[][] = [];
  const cases: { id: string; severity: Severity; kind: string }[] = [];
  for (const meta of metas) {
    for (const kind of kindsForRule(meta.id)) {
      rows.push(featureVector({ resource: syntheticResource(kind), findings: [] }));
      rows.push(featureVector({ resource: syntheticResource(kind), findings: [syntheticFinding(meta, kind)] }));
      cases.push({ id: meta.id, severity: meta.severity, kind });
    }
  }
  const p = await predict(rows);
  const flat = cases.filter((_, i) => !(p[2 * i + 1] > p[2 * i])).map((c, i) => `${c.id} on ${c.kind}`);
  assert.deepEqual(flat, [], `rules that do not move the score: ${flat.join(', ')}`);
  // On average, single-finding resources order by severity.
  const mean = (sev: Severity) => {
    const xs = cases.map((c, i) => (c.severity === sev ? p[2 * i + 1] : null)).filter((x): x is number => x !== null);
    return xs.reduce((a, b) => a + b, 0) / xs.length;
  };
  const present = SEVERITIES.filter((s) => cases.some((c) => c.severity === s));
  for (let i = 1; i < present.length; i++) assert.ok(mean(present[i - 1]) > mean(present[i]), `mean ${present[i - 1]} ${mean(present[i - 1]).toFixed(3)} > mean ${present[i]} ${mean(present[i]).toFixed(3)}`);
});

test('an ingress-nginx snippet on an Ingress missing TLS raises its score', async () => {
  const metas = new Map(ruleMetas().map((m) => [m.id, m]));
  const tls = syntheticFinding(metas.get('k8s/ingress-tls')!, 'Ingress', 'a');
  const snippet = syntheticFinding(metas.get('k8s/ingress-nginx-snippet')!, 'Ingress', 'b');
  const [a, b] = await predict([featureVector({ resource: syntheticResource('Ingress'), findings: [tls] }), featureVector({ resource: syntheticResource('Ingress'), findings: [tls, snippet] })]);
  assert.ok(b > a + 0.1, `${a} → ${b}`);
});

const BLOCKED = `apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: shop}
spec:
  hostPID: true
  hostNetwork: true
  containers:
    - name: debug
      image: ghcr.io/acme/debug:1.0
      securityContext: {privileged: true}
      env:
        - {name: DB_PASSWORD, value: "hunter2-hunter2"}
`;

test('path to green: the fewest findings whose fixes bring a blocked resource below the threshold, fixes first', async () => {
  const r = scanFiles([{ path: 'pod.yaml', text: BLOCKED }]);
  await scoreResources(r.resources, r.findings);
  await addPathsToGreen(r.resources, r.findings, 70);
  const pod = r.resources.find((x) => x.kind === 'Pod')!;
  assert.ok(pod.risk! >= 99, String(pod.risk));
  assert.ok(pod.pathToGreen, pod.pathToGreenReason);
  assert.ok(pod.pathToGreen.riskAfter < 70, String(pod.pathToGreen.riskAfter));
  const chosen = pod.pathToGreen.findings.map((fp) => r.findings.find((f) => f.fingerprint === fp)!.ruleId);
  for (const rule of ['k8s/privileged-container', 'k8s/host-pid', 'k8s/host-network', 'k8s/hardcoded-secret-env']) assert.ok(chosen.includes(rule), `${rule} in ${chosen.join(', ')}`);
  assert.ok(chosen.length < r.findings.filter((f) => f.resource?.kind === 'Pod').length, 'not every finding: the low ones are not needed');
  // Fixing exactly those findings really gets there.
  const rest = r.findings.filter((f) => !pod.pathToGreen!.findings.includes(f.fingerprint) && f.resource?.name === 'debug');
  const [after] = await predict([featureVector({ resource: pod, findings: rest })]);
  assert.ok(Math.round(after * 1000) / 10 === pod.pathToGreen.riskAfter);
});

test('alike resources scored together get what each gets alone, named by its own findings', async () => {
  // Scores and paths to green are built once for alike resources (FeatureTable.alikeKey): each
  // copy must still get its own fingerprints, and a resource that differs must get its own answer.
  const copy = (name: string, text = BLOCKED) => text.replace('name: debug, namespace', `name: ${name}, namespace`);
  const unlike = copy('debug-c').replace('  hostPID: true\n', '');
  const together = scanFiles([{ path: 'pods.yaml', text: [copy('debug-a'), copy('debug-b'), unlike].join('---\n') }]);
  await scoreResources(together.resources, together.findings);
  await addPathsToGreen(together.resources, together.findings, 70);
  for (const [name, text] of [['debug-a', copy('debug-a')], ['debug-b', copy('debug-b')], ['debug-c', unlike]]) {
    const alone = scanFiles([{ path: 'pods.yaml', text }]);
    await scoreResources(alone.resources, alone.findings);
    await addPathsToGreen(alone.resources, alone.findings, 70);
    const a = alone.resources.find((x) => x.name === name)!;
    const t = together.resources.find((x) => x.name === name)!;
    const own = new Set(together.findings.filter((f) => f.resource?.name === name).map((f) => f.fingerprint));
    const rules = (r: typeof t, findings: typeof together.findings) => r.pathToGreen!.findings.map((fp) => findings.find((f) => f.fingerprint === fp)!.ruleId);
    assert.equal(t.risk, a.risk, name);
    assert.ok(t.pathToGreen && a.pathToGreen, name);
    assert.equal(t.pathToGreen.riskAfter, a.pathToGreen.riskAfter, name);
    assert.deepEqual(rules(t, together.findings), rules(a, alone.findings), name);
    assert.ok(t.pathToGreen.findings.every((fp) => own.has(fp)), `${name}'s path names only its own findings`);
    assert.deepEqual(t.drivers!.map((d) => [d.ruleId, d.riskIfFixed]), a.drivers!.map((d) => [d.ruleId, d.riskIfFixed]), name);
    assert.ok(t.drivers!.every((d) => own.has(d.fingerprint)), `${name}'s drivers are its own findings`);
  }
  const [a, , c] = ['debug-a', 'debug-b', 'debug-c'].map((n) => together.resources.find((x) => x.name === n)!);
  assert.notDeepEqual(c.drivers!.map((d) => d.ruleId), a.drivers!.map((d) => d.ruleId), 'the unlike pod has its own drivers');
});

test('attack paths: a high score names the paths its findings open, with ATT&CK technique IDs', () => {
  const r = scanFiles([{ path: 'pod.yaml', text: BLOCKED }]);
  const pod = r.resources.find((x) => x.kind === 'Pod')!;
  const ids = pod.attackPaths!.map((p) => p.id);
  for (const id of ['container-escape', 'node-takeover', 'credential-theft', 'exposure']) assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
  const escape = pod.attackPaths!.find((p) => p.id === 'container-escape')!;
  assert.ok(escape.techniques.includes('T1611'));
  const privileged = r.findings.find((f) => f.ruleId === 'k8s/privileged-container')!;
  assert.ok(escape.findings.includes(privileged.fingerprint));
  // Every rule a path names exists.
  const known = new Set(ruleMetas().map((m) => m.id));
  for (const p of ATTACK_PATHS) for (const rule of p.rules) assert.ok(known.has(rule), `${p.id}: ${rule}`);
});

test('outliers: a resource above the 95th percentile of at least 10 of its kind is marked', () => {
  const res = Array.from({ length: 12 }, (_, i) => ({ ...syntheticResource('Deployment'), name: `d${i}`, risk: i === 11 ? 90 : 10 + i }));
  markOutliers(res);
  assert.deepEqual(res.filter((r) => r.outlier).map((r) => r.name), ['d11']);
  const few = Array.from({ length: 5 }, (_, i) => ({ ...syntheticResource('Service'), name: `s${i}`, risk: i === 4 ? 90 : 5 }));
  markOutliers(few);
  assert.equal(few.filter((r) => r.outlier).length, 0, 'fewer than 10 peers: no outlier');
});

test('the model is identified by name, version, hash and training-data hash', () => {
  const m = modelIdentity()!;
  assert.equal(m.name, 'riskgate-risk');
  assert.equal(m.version, '3');
  assert.match(m.sha256, /^[0-9a-f]{64}$/);
  assert.match(m.trainingData!, /^[0-9a-f]{64}$/);
});

test('the CLI shows path to green, attack paths and the model in text, JSON and SARIF', async () => {
  const { spawnSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const run = (args: string[]) => spawnSync(process.execPath, [`${root}bin/riskgate.js`, 'scan', 'examples/', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const text = run([]).stdout;
  assert.match(text, /path to green: fix these \d+ to go from 100 to [\d.]+: k8s\/\S+ line \d+ \(riskgate fix\)/);
  assert.match(text, /attack paths: Container escape to the node \(T1611, T1068\); Node takeover/);
  const json = JSON.parse(run(['--format', 'json']).stdout);
  assert.equal(json.tool.model.name, 'riskgate-risk');
  assert.match(json.tool.model.sha256, /^[0-9a-f]{64}$/);
  const payments = json.resources.find((r: { kind: string; name: string }) => r.kind === 'Deployment' && r.name === 'payments');
  assert.ok(payments.pathToGreen.riskAfter < 70);
  const fps = new Set(json.findings.map((f: { fingerprint: string }) => f.fingerprint));
  assert.ok(payments.pathToGreen.findings.every((fp: string) => fps.has(fp)));
  assert.ok(payments.attackPaths.some((p: { id: string; techniques: string[] }) => p.id === 'container-escape' && p.techniques.includes('T1611')));
  const storefront = json.resources.find((r: { kind: string; name: string }) => r.kind === 'Deployment' && r.name === 'storefront');
  assert.equal(storefront.pathToGreen, undefined, 'below the threshold: no path needed');
  const sarif = JSON.parse(run(['--format', 'sarif']).stdout);
  assert.equal(sarif.runs[0].tool.driver.properties.model.sha256, json.tool.model.sha256);
});
