// Risk model speed: session load, and scoring 10,000 resources in one batch (features included,
// parsing excluded). Prints numbers; asserts nothing.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { predict, scoreResources } from '../src/core/risk/score.js';
import { scanFiles } from '../src/core/engine.js';
import { defaultConfig } from '../src/core/config.js';
import type { ResourceReport } from '../src/core/types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ms = (t: bigint) => (Number(process.hrtime.bigint() - t) / 1e6).toFixed(1);

let t = process.hrtime.bigint();
await predict([new Array(62).fill(0)].map((r) => r.slice(0, JSON.parse(readFileSync(join(ROOT, 'models/features.json'), 'utf8')).names.length)));
console.log(`model: session load + first prediction ${ms(t)} ms`);

// 10,000 resources: the examples' and fixtures' real resources, repeated.
const texts = ['examples/shop/k8s/payments.yaml', 'examples/shop/k8s/rbac.yaml', 'examples/shop/k8s/storefront.yaml', 'examples/shop/k8s/ingress.yaml'].map((p) => ({ path: p, text: readFileSync(join(ROOT, p), 'utf8') }));
texts.push({ path: 'examples/shop/payments/Dockerfile', text: readFileSync(join(ROOT, 'examples/shop/payments/Dockerfile'), 'utf8') });
const scanned = scanFiles(texts, defaultConfig());
const resources: ResourceReport[] = [];
const findings = [];
for (let i = 0; resources.length < 10_000; i++) {
  for (const r of scanned.resources) {
    const copy = { ...r, name: `${r.name}-${i}`, path: `${r.path}#${i}` };
    resources.push(copy);
    // As in a real scan, the findings of one object share one resource reference.
    const ref = { kind: r.kind, name: copy.name, namespace: r.namespace };
    for (const f of scanned.findings) if ((f.resource && f.resource.name === r.name && f.path === r.path) || (!f.resource && f.path === r.path && r.kind === 'Dockerfile'))
      findings.push({ ...f, path: copy.path, resource: f.resource ? ref : null });
  }
}
resources.length = 10_000;
await scoreResources(resources.slice(0, 500), findings, { drivers: false }); // warm the JIT, as a second scan in the same process would be
t = process.hrtime.bigint();
await scoreResources(resources, findings, { drivers: false });
const scoresOnly = ms(t);
t = process.hrtime.bigint();
await scoreResources(resources, findings);
const withDrivers = ms(t);
const width = JSON.parse(readFileSync(join(ROOT, 'models/features.json'), 'utf8')).names.length;
const matrix = Array.from({ length: 10_000 }, (_, i) => Array.from({ length: width }, (_, j) => ((i * 7 + j) % 5 === 0 ? 1 : 0)));
t = process.hrtime.bigint();
await predict(matrix);
console.log(`model: inference alone, 10,000 rows in one batch: ${ms(t)} ms`);
console.log(`model: 10,000 resources with their ${findings.length} findings: ${scoresOnly} ms for the scores (features + one batch); ${withDrivers} ms with every finding's "risk if fixed" (${10_000 + findings.length} rows in one batch)`);

// Path to green on the same 10,000 resources (about half are at or above the threshold).
const { addPathsToGreen } = await import('../src/core/risk/path-to-green.js');
t = process.hrtime.bigint();
await addPathsToGreen(resources, findings, 70);
const blocked = resources.filter((r) => r.pathToGreen !== undefined);
const lengths = blocked.filter((r) => r.pathToGreen).map((r) => r.pathToGreen!.findings.length);
console.log(`model: path to green for ${blocked.length} of 10,000 resources at or above 70: ${ms(t)} ms (${lengths.length} found, mean ${(lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length)).toFixed(1)} findings; ${blocked.length - lengths.length} without a path)`);

// The object graph (issue 23): 10,000 resources in 2,500 files, each a Deployment whose
// ServiceAccount a ClusterRoleBinding binds and a LoadBalancer exposes. The scan with the graph
// rules against the same scan without them, and the risk phase on each scan's findings.
{
  const fixture = readFileSync(join(ROOT, 'test/fixtures/graph/exposed-cluster-admin.yaml'), 'utf8');
  const files = Array.from({ length: 2_500 }, (_, i) => ({ path: `graph/${i}.yaml`, text: fixture.replace(/\b(web-sa|web-admin|web|shop)\b/g, `$1-${i}`) }));
  const GRAPH_RULES = ['k8s/workload-token-powers', 'k8s/internet-facing-workload', 'k8s/rbac-carried-by-workload', 'k8s/workload-mounted-secret'];
  const off = defaultConfig();
  for (const id of GRAPH_RULES) off.rules[id] = { enabled: false, severity: null, params: {} };
  const run = async (config: ReturnType<typeof defaultConfig>) => {
    let t0 = process.hrtime.bigint();
    const r = scanFiles(files, config);
    const scanMs = ms(t0);
    t0 = process.hrtime.bigint();
    await scoreResources(r.resources, r.findings);
    return { scanMs, riskMs: ms(t0), resources: r.resources.length, findings: r.findings.length, top: Math.max(...r.resources.map((x) => x.risk ?? 0)) };
  };
  await run(off);
  const without = await run(off);
  const withGraph = await run(defaultConfig());
  console.log(`graph: ${withGraph.resources} resources, scan ${without.scanMs} ms without the graph rules, ${withGraph.scanMs} ms with them (${withGraph.findings - without.findings} more findings)`);
  console.log(`graph: risk phase with drivers ${without.riskMs} ms without the graph's findings, ${withGraph.riskMs} ms with them (${(Number(withGraph.riskMs) / Number(without.riskMs)).toFixed(2)}x; bound 2x)`);
}
