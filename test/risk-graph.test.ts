// Risk across objects (issue 23): a workload's score includes what its mounted token may do and
// what reaches it, and the attack path names the objects that form it, each at its line.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scanFiles } from '../src/core/engine.js';
import { scoreResources } from '../src/core/risk/score.js';
import { addPathsToGreen, DEFAULT_RISK_THRESHOLD } from '../src/core/risk/path-to-green.js';
import type { GateDecision } from '../src/core/gate.js';
import { toJsonReport } from '../src/report/json.js';
import { toSarif } from '../src/report/sarif.js';
import { formatText } from '../src/report/text.js';
import { renderSummary } from '../src/action/summary.js';
import { riskBlock } from '../src/action/review.js';
import { ruleMetas } from '../src/rules/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXPOSED = readFileSync(`${ROOT}test/fixtures/graph/exposed-cluster-admin.yaml`, 'utf8');
const PATH = 'web.yaml';

async function scan(text: string) {
  const r = scanFiles([{ path: PATH, text }]);
  await scoreResources(r.resources, r.findings);
  await addPathsToGreen(r.resources, r.findings, DEFAULT_RISK_THRESHOLD);
  return r;
}
const riskOf = async (text: string, kind = 'Deployment') => (await scan(text)).resources.find((r) => r.kind === kind)!.risk!;
/** The fixture with the binding, the Service (or both) taken out: documents are split on `---`. */
const without = (text: string, ...kinds: string[]) => text.split('\n---\n').filter((d) => !kinds.some((k) => new RegExp(`^kind: ${k}$`, 'm').test(d))).join('\n---\n');

test('a hardened Deployment facing the internet with a cluster-admin token scores >= 90 and is blocked; each cut drops it back near the hardened score', async () => {
  const exposed = await riskOf(EXPOSED);
  const hardened = await riskOf(without(EXPOSED, 'ClusterRoleBinding', 'Service'));
  assert.ok(exposed >= 90, `exposed with a cluster-admin token: ${exposed}`);
  assert.ok(exposed >= DEFAULT_RISK_THRESHOLD);
  assert.ok(hardened < 30, `hardened alone: ${hardened}`);
  const unmounted = await riskOf(EXPOSED.replace('      serviceAccountName: web-sa\n', '      serviceAccountName: web-sa\n      automountServiceAccountToken: false\n'));
  const otherAccount = await riskOf(EXPOSED.replace('    name: web-sa\n    namespace: shop', '    name: ops-sa\n    namespace: shop'));
  const otherNamespace = await riskOf(EXPOSED.replace('    name: web-sa\n    namespace: shop', '    name: web-sa\n    namespace: ops'));
  for (const [what, risk] of [['token not mounted', unmounted], ['bound to another account', otherAccount], ['bound in another namespace', otherNamespace]] as const)
    assert.ok(Math.abs(risk - hardened) < 10, `${what}: ${risk}, hardened ${hardened}`);
  // The token alone (nothing reaches the pod) is a risk, below the exposed chain.
  const inside = await riskOf(without(EXPOSED, 'Service'));
  assert.ok(inside > hardened + 20 && inside < exposed, `token, not exposed: ${inside}`);
});

test('reading Secrets or exec anywhere raises the score; a role that grants nothing dangerous does not', async () => {
  const hardened = await riskOf(without(EXPOSED, 'ClusterRoleBinding'));
  const withRole = (rules: string) => EXPOSED.replace('  name: cluster-admin\n', '  name: app\n') + `---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: app}\nrules: [${rules}]\n`;
  const secrets = await riskOf(withRole('{apiGroups: [""], resources: [secrets], verbs: [list]}'));
  const exec = await riskOf(withRole('{apiGroups: [""], resources: [pods/exec], verbs: [create]}'));
  const harmless = await riskOf(withRole('{apiGroups: [""], resources: [configmaps], verbs: [get]}'));
  assert.ok(secrets > hardened + 30, `Secrets cluster-wide: ${secrets} vs ${hardened}`);
  assert.ok(exec > hardened + 15, `exec: ${exec} vs ${hardened}`);
  assert.ok(Math.abs(harmless - hardened) < 5, `configmaps get: ${harmless} vs ${hardened}`);
});

test('exposure raises a privileged pod above the same pod unexposed', async () => {
  const privileged = EXPOSED.replace('            allowPrivilegeEscalation: false\n', '            privileged: true\n');
  const exposed = await riskOf(without(privileged, 'ClusterRoleBinding'));
  const inside = await riskOf(without(privileged, 'ClusterRoleBinding', 'Service'));
  assert.ok(exposed > inside, `privileged and exposed ${exposed} > privileged ${inside}`);
});

test('a binding carried by an internet-facing workload scores above the same binding no workload carries', async () => {
  const carried = await riskOf(EXPOSED, 'ClusterRoleBinding');
  const alone = await riskOf(without(EXPOSED, 'Deployment'), 'ClusterRoleBinding');
  assert.ok(carried > alone, `${carried} > ${alone}`);
});

test('the chain appears in JSON, text, summary, review and SARIF, each step at its line', async () => {
  const r = await scan(EXPOSED);
  const lines = EXPOSED.split('\n');
  const lineOf = (re: RegExp, from = 0) => lines.findIndex((l, i) => i >= from && re.test(l)) + 1;
  const json = toJsonReport(r) as { resources: { kind: string; attackPaths: { id: string; steps?: { label: string; note: string; path: string | null; line: number | null }[] }[] }[] };
  const dep = json.resources.find((x) => x.kind === 'Deployment')!;
  const steps = dep.attackPaths.find((p) => p.id === 'rbac-escalation')!.steps!;
  assert.deepEqual(steps.map((s) => s.label), ['Internet', 'Service/web', 'Deployment/web', 'ServiceAccount/web-sa', 'ClusterRoleBinding/web-admin', 'ClusterRole/cluster-admin']);
  assert.deepEqual(steps.map((s) => s.line), [null, lineOf(/type: LoadBalancer/), lineOf(/serviceAccountName: web-sa/), lineOf(/kind: ServiceAccount/), lineOf(/- kind: ServiceAccount/), null]);
  assert.match(steps[1].note, /LoadBalancer, no NetworkPolicy/);
  assert.match(steps[3].note, /token mounted/);
  assert.match(steps[5].note, /built-in; use every verb on every resource/);

  const text = formatText(r, { color: false });
  assert.match(text, /chain: Internet → Service\/web \(LoadBalancer, no NetworkPolicy\) web\.yaml:\d+ → Deployment\/web web\.yaml:\d+ → ServiceAccount\/web-sa .* → ClusterRoleBinding\/web-admin \(cluster-wide\) web\.yaml:\d+ → ClusterRole\/cluster-admin/);
  assert.match(text, /cut ClusterRoleBinding\/web-admin \(web\.yaml:\d+\): remove ServiceAccount web-sa from its subjects/);

  const gate: GateDecision = { fail: true, reasons: ['risk'], blockingFindings: 1, blockingResources: 1, notChecked: 0, notCheckedBlocks: false };
  const summary = renderSummary({ result: r, findings: r.findings, comparison: null, gate, notices: [], annotated: 0, commented: 0, scopeLabel: 'all files' });
  assert.match(summary, /chain: Internet → Service\/web \\\(LoadBalancer, no NetworkPolicy\\\) `web\.yaml:28` → Deployment\/web `web\.yaml:50`/);
  assert.match(riskBlock(r.resources, r.findings), /chain: Internet → .*ClusterRole\/cluster\\-admin/);

  const sarif = toSarif(r, ruleMetas()) as { runs: { results: { ruleId: string; relatedLocations?: { id: number; physicalLocation: { region: { startLine: number } }; message: { text: string } }[] }[] }[] };
  const token = sarif.runs[0].results.find((x) => x.ruleId === 'k8s/workload-token-powers')!;
  assert.deepEqual(token.relatedLocations!.map((l) => l.physicalLocation.region.startLine), steps.filter((s) => s.line !== null).map((s) => s.line));
  assert.match(token.relatedLocations![0].message.text, /^step 2 of 6: Service\/web/);
});

test('automountServiceAccountToken: false is offered only where no binding in the scan names the account', () => {
  const bound = scanFiles([{ path: PATH, text: EXPOSED }]).findings.find((f) => f.ruleId === 'k8s/service-account-token')!;
  assert.equal(bound.fix, null);
  assert.match(bound.message, /no automatic fix: ClusterRoleBinding\/web-admin binds its ServiceAccount/);
  const unbound = scanFiles([{ path: PATH, text: without(EXPOSED, 'ClusterRoleBinding') }]).findings.find((f) => f.ruleId === 'k8s/service-account-token')!;
  assert.ok(unbound.fix, 'offered when nothing binds the account');
});

test('Kubescape C-0267 is cited only where its own condition holds', () => {
  const refs = (text: string) => scanFiles([{ path: PATH, text }]).findings.find((f) => f.ruleId === 'k8s/workload-token-powers')?.references;
  // cluster-admin is built in: Kubescape does not see a role to read.
  assert.deepEqual(refs(EXPOSED), []);
  const own = EXPOSED.replace('  name: cluster-admin\n', '  name: pods-admin\n') + '---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: pods-admin}\nrules: [{apiGroups: [""], resources: [pods], verbs: [create]}]\n';
  assert.deepEqual(refs(own), ['kubescape:C-0267']);
  // Without the ServiceAccount in the scan, Kubescape has no account to match.
  assert.deepEqual(refs(without(own, 'ServiceAccount')), []);
});

test('per-environment installs: each workload is linked to the copies of its objects beside it, once', () => {
  const install = (env: string) => without(EXPOSED, 'Service').replace('  name: web-admin\n', `  name: web-admin\n  labels: {env: ${env}}\n`);
  const r = scanFiles([{ path: 'deploy/aws/web.yaml', text: install('aws') }, { path: 'deploy/gcp/web.yaml', text: install('gcp') }]);
  const token = r.findings.filter((f) => f.ruleId === 'k8s/workload-token-powers');
  assert.deepEqual(token.map((f) => f.path), ['deploy/aws/web.yaml', 'deploy/gcp/web.yaml']);
  for (const f of token) assert.deepEqual([...new Set(f.steps!.filter((s) => s.path).map((s) => s.path))], [f.path], 'every step in the workload\'s own install');
  const sa = r.findings.filter((f) => f.ruleId === 'k8s/service-account-token');
  for (const f of sa) assert.match(f.message, /no automatic fix: ClusterRoleBinding\/web-admin binds/);
});
