// Builds the risk model's training data: feature vectors of resources from real public manifests
// and Dockerfiles (../shared/corpus/realworld, which records each file's source repository), of
// hardened variants (riskgate's own fixes applied) and of variants with misconfigurations
// injected, plus generated RBAC objects and generated graphs of objects around a workload. Deterministic (seeded). Writes models/data/dataset.jsonl.
//
//   npm run build && node build/scripts/gen-dataset.js [corpus-dir]

import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { scanFiles, type ScanResult } from '../src/core/engine.js';
import { defaultConfig } from '../src/core/config.js';
import { fixSources } from '../src/core/fix/fix-files.js';
import { parseYaml } from '../src/core/yaml/parse.js';
import { YMap } from '../src/core/yaml/ast.js';
import { isKubernetesDocument, objectsOf } from '../src/core/k8s/objects.js';
import { ensurePath, setKey, styleOf } from '../src/core/fix/yaml-edit.js';
import { applyEdits } from '../src/core/fix/apply.js';
import { FEATURES, featureVector, findingsByResource } from '../src/core/risk/features.js';
import { seededRandom } from './seeded-random.js';
import { ruleMetas } from '../src/rules/index.js';
import { kindsForRule, syntheticFinding, syntheticResource } from '../src/core/risk/single-finding.js';
import type { TextEdit } from '../src/core/types.js';

const corpus = resolve(process.argv[2] ?? '../shared/corpus');
const out = resolve('models/data/dataset.jsonl');

const rand = seededRandom(20261124);
const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];

type Kind = 'manifest' | 'dockerfile';
interface Row {
  group: string;
  variant: string;
  kind: string;
  features: number[];
}
const rows: Row[] = [];
const config = defaultConfig();

function addRows(result: ScanResult, group: string, variant: string): void {
  const byRes = findingsByResource(result.resources, result.findings);
  for (const [res, findings] of byRes) {
    if (!res.checked) continue;
    rows.push({ group, variant, kind: res.kind, features: featureVector({ resource: res, findings }) });
  }
}

// Misconfigurations a reviewer sees in pull requests, injected one edit at a time.
const POD_MUTATIONS: ((spec: YMap, c: YMap, s: ReturnType<typeof styleOf>) => TextEdit | null)[] = [
  (_p, c, s) => ensurePath(c, ['securityContext', 'privileged'], true, s),
  (p, _c, s) => setKey(p, 'hostPID', true, s),
  (p, _c, s) => setKey(p, 'hostNetwork', true, s),
  (p, _c, s) => setKey(p, 'hostIPC', true, s),
  (_p, c, s) => ensurePath(c, ['securityContext', 'allowPrivilegeEscalation'], true, s),
  (_p, c, s) => ensurePath(c, ['securityContext', 'runAsUser'], 0, s),
  (_p, c, s) => ensurePath(c, ['securityContext', 'capabilities', 'add'], [pick(['SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'SYS_MODULE', 'NET_RAW', 'IPC_LOCK'])], s),
  (p, _c, s) => (p.get('volumes') ? null : setKey(p, 'volumes', [{ name: 'host', hostPath: { path: pick(['/', '/var/run/docker.sock', '/etc', '/var/log', '/proc', '/data']) } }], s)),
  (_p, c, s) => ensurePath(c, ['securityContext', 'seccompProfile', 'type'], 'Unconfined', s),
  (_p, c, s) => (c.get('env') ? null : setKey(c, 'env', [{ name: pick(['DB_PASSWORD', 'API_TOKEN', 'AWS_SECRET_ACCESS_KEY']), value: pick(['s3cr3t-value-123', 'AKIAIOSFODNN7EXAMPLE', 'hunter2hunter2']) }], s)),
  (_p, c, s) => (c.get('ports') ? null : setKey(c, 'ports', [{ containerPort: 8080, hostPort: 8080 }], s)),
  (_p, c, s) => ensurePath(c, ['securityContext', 'procMount'], 'Unmasked', s),
];

function mutateManifest(text: string, path: string, n: number): string {
  let cur = text;
  for (let k = 0; k < n; k++) {
    const parsed = parseYaml(cur);
    const workloads = parsed.documents.flatMap((d) => (isKubernetesDocument(d.root) ? objectsOf(path, d.index, d.root) : [])).filter((o) => o.pod && o.pod.containers.length);
    if (!workloads.length) return cur;
    const w = pick(workloads);
    const c = pick(w.pod!.containers);
    const edit = pick(POD_MUTATIONS)(w.pod!.spec, c.node, styleOf(cur, path));
    if (edit) cur = applyEdits(cur, [edit]);
  }
  return cur;
}

const DOCKER_MUTATIONS: ((t: string) => string)[] = [
  (t) => `${t.trimEnd()}\nUSER root\n`,
  (t) => `${t.trimEnd()}\nRUN curl -fsSL https://get.example.com/install.sh | sh\n`,
  (t) => `${t.trimEnd()}\nARG ${pick(['GITHUB_TOKEN', 'NPM_TOKEN', 'AWS_SECRET_ACCESS_KEY'])}\n`,
  (t) => `${t.trimEnd()}\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\n`,
  (t) => `${t.trimEnd()}\nRUN curl -k -o /tmp/tool https://example.com/tool\n`,
  (t) => `${t.trimEnd()}\nRUN sudo chmod 777 /app\n`,
  (t) => `${t.trimEnd()}\nEXPOSE 22\n`,
  (t) => t.replace(/^(FROM\s+[^\s:@]+)(:[^\s@]+)?(@\S+)?/m, '$1:latest'),
  (t) => `${t.trimEnd()}\nRUN apk add --allow-untrusted /tmp/pkg.apk\n`,
  (t) => `${t.trimEnd()}\nADD https://example.com/app.tar.gz /opt/\n`,
];

const RBAC_GRANTS = [
  '{apiGroups: [""], resources: [pods], verbs: [get, list, watch]}',
  '{apiGroups: [""], resources: [configmaps], verbs: [get, list]}',
  '{apiGroups: [apps], resources: [deployments], verbs: [get, list, watch, update, patch]}',
  '{apiGroups: [""], resources: [secrets], verbs: [get, list]}',
  '{apiGroups: [""], resources: [pods/exec], verbs: [create]}',
  '{apiGroups: [""], resources: [pods], verbs: [create, delete]}',
  '{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}',
  '{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind, escalate]}',
  '{apiGroups: [""], resources: [nodes/proxy], verbs: [get]}',
  '{apiGroups: [""], resources: [events], verbs: [delete]}',
  '{apiGroups: [""], resources: [services], verbs: [create, update]}',
  '{apiGroups: [batch], resources: [jobs], verbs: [get, list, watch]}',
  '{apiGroups: [""], resources: [users, groups], verbs: [impersonate]}',
];

function syntheticRbac(i: number): string {
  const cluster = rand() < 0.5;
  const kind = cluster ? 'ClusterRole' : 'Role';
  const ns = cluster ? '' : '\n  namespace: team';
  const grants = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => (rand() < 0.6 ? pick(RBAC_GRANTS.slice(0, 3).concat(RBAC_GRANTS.slice(11, 12))) : pick(RBAC_GRANTS)));
  const role = `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: r${i}${ns}\nrules:\n${[...new Set(grants)].map((g) => `  - ${g}`).join('\n')}\n`;
  const subject = rand() < 0.08 ? '{kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}' : `{kind: ServiceAccount, name: ${rand() < 0.2 ? 'default' : `app${i}`}, namespace: team}`;
  const ref = rand() < 0.1 ? 'cluster-admin' : `r${i}`;
  const binding = `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${cluster ? 'ClusterRoleBinding' : 'RoleBinding'}\nmetadata:\n  name: b${i}${ns}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${cluster || ref === 'cluster-admin' ? 'ClusterRole' : 'Role'}, name: ${ref}}\nsubjects: [${subject}]\n`;
  return `${role}---\n${binding}`;
}

// Objects around a workload (model v3): its ServiceAccount, a binding of some role to it (or to
// another account), a Service or Ingress in front of it, a NetworkPolicy. Each scenario is one
// file scanned whole, so the graph rules see the chain and every object gets its row.
const HARDENED_POD = `      securityContext: {runAsNonRoot: true, runAsUser: 10001, seccompProfile: {type: RuntimeDefault}}
      containers:
        - name: app
          image: registry.example.com/team/app@sha256:4b1c1a2e3f4d5c6b7a8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e
          securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
          resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 200m, memory: 128Mi}}`;
const PLAIN_POD = `      containers:
        - name: app
          image: nginx:1.27
          ports: [{containerPort: 8080}]`;
const GRAPH_ROLES = ['cluster-admin', 'edit', 'view', 'admin'];

function syntheticGraph(i: number): string {
  const docs: string[] = [];
  const sa = `app${i}`;
  const saAutomount = rand() < 0.15 ? '\nautomountServiceAccountToken: false' : '';
  docs.push(`apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ${sa}, namespace: team}${saAutomount}`);
  const r = rand();
  if (r < 0.8) {
    const cluster = rand() < 0.55;
    const builtIn = rand() < 0.35;
    const roleName = builtIn ? pick(GRAPH_ROLES) : `r${i}`;
    if (!builtIn) {
      const grants = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 2) }, () => pick(RBAC_GRANTS)))];
      docs.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: ${cluster ? 'ClusterRole' : 'Role'}\nmetadata: {name: ${roleName}${cluster ? '' : ', namespace: team'}}\nrules:\n${grants.map((g) => `  - ${g}`).join('\n')}`);
    }
    const subject = rand() < 0.85 ? sa : `other${i}`;
    docs.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: ${cluster ? 'ClusterRoleBinding' : 'RoleBinding'}\nmetadata: {name: b${i}${cluster ? '' : ', namespace: team'}}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${cluster || builtIn ? 'ClusterRole' : 'Role'}, name: ${roleName}}\nsubjects: [{kind: ServiceAccount, name: ${subject}, namespace: team}]`);
  }
  const exposure = rand();
  const svcType = exposure < 0.3 ? null : exposure < 0.5 ? 'ClusterIP' : exposure < 0.75 ? 'LoadBalancer' : exposure < 0.85 ? 'NodePort' : exposure < 0.9 ? 'internal' : 'ingress';
  if (svcType) {
    const internal = svcType === 'internal' ? '\n  annotations: {networking.gke.io/load-balancer-type: Internal}' : '';
    const type = svcType === 'internal' ? 'LoadBalancer' : svcType === 'ingress' ? 'ClusterIP' : svcType;
    docs.push(`apiVersion: v1\nkind: Service\nmetadata:\n  name: web${i}\n  namespace: team${internal}\nspec:\n  type: ${type}\n  selector: {app: app${i}}\n  ports: [{port: 80, targetPort: 8080}]`);
    if (svcType === 'ingress')
      docs.push(`apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web${i}, namespace: team}\nspec:\n  tls: [{hosts: [app.example.com], secretName: tls}]\n  rules:\n    - host: app.example.com\n      http:\n        paths: [{path: /, pathType: Prefix, backend: {service: {name: web${i}, port: {number: 80}}}}]`);
  }
  if (rand() < 0.2) docs.push(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np${i}, namespace: team}\nspec:\n  podSelector: {matchLabels: {app: app${i}}}\n  ingress: [{from: [{podSelector: {matchLabels: {role: frontend}}}]}]`);
  const podAutomount = rand() < 0.1 ? '\n      automountServiceAccountToken: false' : '';
  const pod = rand() < 0.6 ? HARDENED_POD : PLAIN_POD;
  let workload = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app${i}, namespace: team}\nspec:\n  selector: {matchLabels: {app: app${i}}}\n  template:\n    metadata: {labels: {app: app${i}}}\n    spec:\n      serviceAccountName: ${sa}${podAutomount}\n${pod}\n`;
  // Often a pod that also escapes (privileged, host namespaces, host paths): the chains through exposure need rows.
  if (rand() < 0.6) workload = mutateManifest(workload, `graph-${i}.yaml`, 1 + Math.floor(rand() * 2));
  docs.push(workload.trimEnd());
  return docs.join('\n---\n') + '\n';
}

function processFile(path: string, text: string, kind: Kind, group: string): void {
  const files = (t: string) => [{ path, text: t, kind }];
  addRows(scanFiles(files(text), config), group, 'real');
  const fixed = fixSources(files(text), config, { unsafe: true });
  if (fixed.changed.size) addRows(fixed.after, group, 'hardened');
  for (let v = 0; v < 3; v++) {
    const n = 1 + Math.floor(rand() * 3);
    const mutated = kind === 'manifest' ? mutateManifest(text, path, n) : Array.from({ length: n }).reduce<string>((t) => pick(DOCKER_MUTATIONS)(t), text);
    if (mutated !== text) addRows(scanFiles(files(mutated), config), group, 'mutated');
    // Also mutate the hardened version: a good manifest with one mistake is the common PR.
    const base = fixed.changed.get(path);
    if (base) {
      const m2 = kind === 'manifest' ? mutateManifest(base, path, 1) : pick(DOCKER_MUTATIONS)(base);
      if (m2 !== base) addRows(scanFiles(files(m2), config), group, 'hardened+mutated');
    }
  }
}

const index = join(corpus, 'realworld/index.jsonl');
if (!existsSync(index)) {
  console.error(`no ${index}: keeping the committed models/data/dataset.jsonl (regenerating it needs the training corpus)`);
  process.exit(0);
}
const entries = readFileSync(index, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { path: string; source: string; type: string });
let n = 0;
for (const e of entries) {
  const text = readFileSync(join(corpus, e.path), 'utf8');
  if (text.includes('{{')) continue;
  const repo = e.source.split(':')[0];
  processFile(e.path, text, e.type === 'dockerfile' ? 'dockerfile' : 'manifest', repo);
  if (++n % 500 === 0) console.error(`${n} files…`);
}
for (let i = 0; i < 1500; i++) processFile(`rbac-${i}.yaml`, syntheticRbac(i), 'manifest', `synthetic-rbac-${i % 20}`);
// Scanned as they are (no fixes or mutations of the whole file: the scenario already varies the pod).
for (let i = 0; i < 4000; i++) addRows(scanFiles([{ path: `graph-${i}.yaml`, text: syntheticGraph(i), kind: 'manifest' }], config), `synthetic-graph-${i % 20}`, 'graph');

// Every rule on its own, on a resource of a kind it applies to (model v2: no finding is
// invisible): the labelling function gives each the probability its feature or its severity
// carries, so the model learns a step for every rule, rare ones included.
let single = 0;
for (const meta of ruleMetas()) {
  for (const kind of kindsForRule(meta.id)) {
    for (let copy = 0; copy < 12; copy++) {
      const resource = syntheticResource(kind);
      const finding = syntheticFinding(meta, kind, `s${single}`);
      rows.push({ group: `synthetic-single-${single++ % 20}`, variant: 'single', kind, features: featureVector({ resource, findings: [finding] }) });
    }
  }
}

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
writeFileSync(join(dirname(out), 'feature-specs.json'), JSON.stringify(FEATURES.map((f) => ({ name: f.name, description: f.description, direction: f.direction })), null, 2) + '\n');
console.error(`wrote ${rows.length} rows from ${n} files, 1500 generated RBAC pairs and 4000 generated object graphs to ${out}`);
