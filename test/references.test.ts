// A finding cites only the peer checks whose own condition it meets: a compliance team maps
// findings to controls through these IDs, so a wrong reference is a false finding for them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFiles } from '../src/core/engine.js';
import { defaultConfig } from '../src/core/config.js';
import { ALL_RULES } from '../src/rules/index.js';

const scan = (text: string) => scanFiles([{ path: 'x.yaml', text }], defaultConfig(), '2026-01-01');

test('every condition cites a subset of its rule\'s references, and together they cite all of them', () => {
  const bad: string[] = [];
  for (const r of ALL_RULES) {
    const conditions = r.meta.conditions ?? [];
    if (!conditions.length) continue;
    const union = new Set(conditions.flatMap((c) => c.references));
    for (const ref of union) if (!r.meta.references.includes(ref)) bad.push(`${r.meta.id}: condition reference ${ref} is not in references`);
    for (const ref of r.meta.references) if (!union.has(ref)) bad.push(`${r.meta.id}: ${ref} belongs to no condition`);
    if (new Set(conditions.map((c) => c.id)).size !== conditions.length) bad.push(`${r.meta.id}: duplicate condition ids`);
  }
  assert.deepEqual(bad, []);
});

const container = (resources: string) => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      image: nginx:1.27
${resources}`;

test('a container missing only its CPU limit cites the CPU-limit checks and nothing else', () => {
  const r = scan(container('      resources:\n        requests: {cpu: 100m, memory: 64Mi}\n        limits: {memory: 128Mi}\n')).findings.filter((f) => f.ruleId === 'k8s/resources');
  assert.equal(r.length, 1);
  assert.match(r[0].message, /does not set resources\.limits\.cpu$/);
  for (const ref of ['checkov:CKV_K8S_11', 'trivy:KSV-0011', 'kics:4ac0e2b7-d2d2-4af7-8799-e8de6721ccda', 'kubescape:C-0270']) assert.ok(r[0].references.includes(ref), ref);
  for (const ref of ['checkov:CKV_K8S_10', 'checkov:CKV_K8S_12', 'checkov:CKV_K8S_13', 'trivy:KSV-0015', 'trivy:KSV-0016', 'trivy:KSV-0018', 'kube-linter:unset-memory-requirements', 'kubescape:C-0004'])
    assert.ok(!r[0].references.includes(ref), `${ref} is not this finding's condition`);
});

test('a peer\'s skip annotation suppresses only the finding of that peer check', () => {
  const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    checkov.io/skip1: CKV_K8S_11=CPU throttling hurts this service
spec:
  containers:
    - name: app
      image: nginx:1.27
`;
  const r = scan(text).findings.filter((f) => f.ruleId === 'k8s/resources');
  assert.deepEqual(r.filter((f) => f.suppressed).map((f) => f.message.replace(/.* /, '')), ['resources.limits.cpu']);
  assert.equal(r.filter((f) => !f.suppressed).length, 3);
});

test('RBAC wildcards cite Trivy\'s checks only where their conditions hold', () => {
  const role = (kind: string, apiGroups: string, resources: string, verbs: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: r, namespace: ns}
rules:
  - apiGroups: ${apiGroups}
    resources: ${resources}
    verbs: ${verbs}
`;
  const refs = (text: string) => scan(text).findings.filter((f) => f.ruleId === 'k8s/rbac-wildcard').map((f) => f.references.filter((x) => x.startsWith('trivy:')).join(',') || '-');
  // apiGroups "aaa": KSV-0044 needs * in all three fields.
  assert.deepEqual(refs(role('Role', '[aaa]', '["*"]', '["*"]')), ['trivy:KSV-0112', '-']);
  assert.deepEqual(refs(role('ClusterRole', '["*"]', '["*"]', '["*"]')), ['-', 'trivy:KSV-0046', 'trivy:KSV-0044']);
  assert.deepEqual(refs(role('Role', '[""]', '[secrets]', '["*"]')), ['trivy:KSV-0045']);
  assert.deepEqual(refs(role('Role', '[""]', '[configmaps]', '["*"]')), ['-']);
  assert.deepEqual(refs(role('ClusterRole', '[""]', '["*"]', '[watch]')), ['-'], 'watch is not among KSV-0046\'s verbs');
});

test('riskgate rules --format json shows which reference goes with which condition', async () => {
  const { formatRules } = await import('../src/cli/rules-command.js');
  const rules = JSON.parse(formatRules(ALL_RULES.map((r) => r.meta), 'json')) as { id: string; conditions: { id: string; references: string[] }[] }[];
  const res = rules.find((r) => r.id === 'k8s/resources')!;
  assert.deepEqual(res.conditions.map((c) => c.id), ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);
  assert.ok(res.conditions.find((c) => c.id === 'limits.cpu')!.references.includes('checkov:CKV_K8S_11'));
});

test('Tiller listening on loopback cites the "deployed" checks, not the "reachable from the cluster" ones', () => {
  const tiller = (args: string) => scan(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: tiller-deploy}\nspec:\n  template:\n    spec:\n      containers:\n        - name: tiller\n          image: gcr.io/kubernetes-helm/tiller:v2.8.0\n          args: [${args}]\n`).findings.find((f) => f.ruleId === 'k8s/tiller')!;
  assert.ok(!tiller('"--listen=127.0.0.1:44134"').references.includes('checkov:CKV_K8S_45'));
  assert.ok(tiller('"--listen=127.0.0.1:44134"').references.includes('checkov:CKV_K8S_34'));
  assert.ok(tiller('"--history-max=10"').references.includes('checkov:CKV_K8S_45'));
});

test('runAsNonRoot: false with a non-zero runAsUser cites only the checks that read runAsNonRoot alone', () => {
  const f = scan(container('      securityContext: {runAsNonRoot: false, runAsUser: 1000}\n')).findings.find((x) => x.ruleId === 'k8s/run-as-non-root')!;
  assert.ok(f.references.includes('trivy:KSV-0012'));
  assert.ok(!f.references.includes('kics:cf34805e-3872-4c08-bf92-6ff7bb0cfadb') && !f.references.includes('checkov:CKV_K8S_23'));
});

test('a pod with its own user namespace: a low UID cites the UID checks but not Checkov\'s host-conflict check', () => {
  const pod = (hostUsers: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${hostUsers}  containers:\n    - name: app\n      image: nginx:1.27\n`;
  const uid = (text: string) => scan(text).findings.find((f) => f.ruleId === 'k8s/low-uid-gid' && /runAsUser/.test(f.message))!;
  assert.ok(uid(pod('')).references.includes('checkov:CKV_K8S_40'));
  const userns = uid(pod('  hostUsers: false\n'));
  assert.ok(!userns.references.includes('checkov:CKV_K8S_40'));
  assert.ok(userns.references.includes('trivy:KSV-0020'));
});

test('risky volume types: git-sync, subPath and volume types each cite their own peers', () => {
  const text = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: sync
      image: registry.k8s.io/git-sync/git-sync:v4.2.4
      env: [{name: GITSYNC_GIT, value: /tmp/x}]
      volumeMounts: [{name: cfg, mountPath: /etc/a.conf, subPath: a.conf}]
  volumes:
    - {name: cfg, configMap: {name: cfg}}
    - {name: old, gitRepo: {repository: "https://example.com/r.git"}}
`;
  const f = scan(text).findings.filter((x) => x.ruleId === 'k8s/risky-volume-types');
  const by = (re: RegExp) => f.find((x) => re.test(x.message))!.references;
  assert.deepEqual(by(/GITSYNC_GIT/), ['checkov:CKV_K8S_159']);
  assert.deepEqual(by(/subPath/), ['kubescape:C-0058', 'datree:CONTAINER_CVE2021_25741_INCORRECT_SUBPATH_KEY']);
  assert.deepEqual(by(/gitRepo/), ['trivy:KSV-0028']);
});

test('per-condition references: Service types, kube-system hostPaths, Secrets roles bound to ServiceAccounts, namespaces', () => {
  const refsOf = (text: string, rule: string) => scan(text).findings.filter((f) => f.ruleId === rule).map((f) => f.references);
  const svc = (type: string, annotations = '') => `apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop${annotations}}\nspec:\n  type: ${type}\n  ports: [{port: 80}]\n`;
  const [nodePort] = refsOf(svc('NodePort'), 'k8s/service-exposure');
  assert.ok(nodePort.includes('kics:845acfbe-3e10-4b8e-b656-3b404d36dfb2') && !nodePort.includes('kics:26763a1c-5dda-4772-b507-5fca7fb5f165'));
  const [lb] = refsOf(svc('LoadBalancer'), 'k8s/service-exposure');
  assert.ok(lb.includes('kics:26763a1c-5dda-4772-b507-5fca7fb5f165') && !lb.includes('kics:845acfbe-3e10-4b8e-b656-3b404d36dfb2') && !lb.includes('kube-score:service-type'));
  assert.deepEqual(refsOf(svc('LoadBalancer', ', annotations: {cloud.google.com/load-balancer-type: Internal}'), 'k8s/service-exposure'), [], 'an internal load balancer is not exposure');
  assert.equal(refsOf(svc('LoadBalancer', ', annotations: {cloud.google.com/load-balancer-type: External}'), 'k8s/service-exposure').length, 1, 'the provider\'s value decides, not the word internal in the key');

  const hostPath = (ns: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ${ns}}\nspec:\n  containers: [{name: c, image: "x:1"}]\n  volumes: [{name: h, hostPath: {path: /var/log}}]\n`;
  assert.ok(refsOf(hostPath('shop'), 'k8s/host-path-volume')[0].includes('kics:aa8f7a35-9923-4cad-bd61-a19b7f6aac91'));
  assert.ok(!refsOf(hostPath('kube-system'), 'k8s/host-path-volume')[0].includes('kics:aa8f7a35-9923-4cad-bd61-a19b7f6aac91'), 'KICS exempts kube-system');

  const role = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: reader, namespace: shop}\nrules:\n  - {apiGroups: [""], resources: [secrets], verbs: [get]}\n';
  const binding = '---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b, namespace: shop}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}\nsubjects: [{kind: ServiceAccount, name: app, namespace: shop}]\n';
  assert.ok(!refsOf(role, 'k8s/rbac-read-secrets')[0].includes('kics:056ac60e-fe07-4acc-9b34-8e1d51716ab9'), 'not bound: KICS does not report it');
  assert.ok(refsOf(role + binding, 'k8s/rbac-read-secrets')[0].includes('kics:056ac60e-fe07-4acc-9b34-8e1d51716ab9'));

  const defaults = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default, namespace: default}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: kubernetes, namespace: default}\nspec: {ports: [{port: 443}]}\n';
  assert.deepEqual(refsOf(defaults, 'k8s/default-namespace'), [], 'the default namespace\'s own objects');
  const [pub] = refsOf('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: kube-public}\n', 'k8s/default-namespace');
  assert.deepEqual(pub, ['kics:611ab018-c4aa-4ba2-b0f6-a448337509a6']);
});

test('Dockerfile findings cite the check of their own package manager, and of their own case', () => {
  const df = (text: string) => scanFiles([{ path: 'Dockerfile', text }], defaultConfig(), '2026-01-01').findings;
  const refs = (text: string, rule: string) => df(text).filter((f) => f.ruleId === rule).map((f) => f.references);
  const [apk] = refs('FROM alpine:3.20\nRUN apk add curl=8.9.1-r0\nUSER 1000\n', 'docker/package-cache');
  assert.deepEqual(apk, ['hadolint:DL3019', 'trivy:DS-0025', 'kics:ae9c56a6-3ed1-4ac0-9b54-31267f51151d']);
  const [pip] = refs('FROM python:3.12-slim\nRUN pip install flask==3.0.0\nUSER 1000\n', 'docker/package-cache');
  assert.deepEqual(pip, ['hadolint:DL3042', 'kics:f2f903fb-b977-461e-98d7-b3e2185c6118']);
  const [yum] = refs('FROM rockylinux:9\nRUN yum install httpd\nUSER 1000\n', 'docker/non-interactive-install');
  assert.deepEqual(yum, ['hadolint:DL3030', 'kics:6e19193a-8753-436d-8a09-76dcff91bb03']);
  const [apkPin] = refs('FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER 1000\n', 'docker/os-packages-unpinned');
  assert.deepEqual(apkPin, ['hadolint:DL3018', 'kics:d3499f6d-1651-41bb-a9a7-de925fea487b']);
  const [untagged] = refs('FROM alpine\nUSER 1000\n', 'docker/base-image-unpinned');
  assert.ok(untagged.includes('hadolint:DL3006') && !untagged.includes('hadolint:DL3007'));
  const [noUser] = refs('FROM alpine:3.20\nRUN true\n', 'docker/root-user');
  assert.ok(!noUser.includes('hadolint:DL3002') && noUser.includes('checkov:CKV_DOCKER_3'), 'hadolint DL3002 reads USER root only');
  const [rootUser] = refs('FROM alpine:3.20\nUSER root\n', 'docker/root-user');
  assert.ok(rootUser.includes('hadolint:DL3002') && !rootUser.includes('checkov:CKV_DOCKER_3'));
});

test('seccomp: unset vs Unconfined; dangerous capabilities: each peer for the capabilities on its own list', () => {
  const pod = (sc: string, add = '') => `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n${sc}  containers:\n    - name: c\n      image: "x:1"\n${add}`;
  const refs = (text: string, rule: string) => scan(text).findings.filter((f) => f.ruleId === rule).map((f) => f.references);
  const [unset] = refs(pod(''), 'k8s/seccomp-profile');
  // Trivy KSV-0104 counts a container with no profile as Unconfined (the runtime's default); kubesec's SeccompUnconfined reads an explicit Unconfined only.
  assert.ok(unset.includes('trivy:KSV-0030') && unset.includes('trivy:KSV-0104') && !unset.includes('kubesec:SeccompUnconfined'));
  const [unconfined] = refs(pod('  securityContext: {seccompProfile: {type: Unconfined}}\n'), 'k8s/seccomp-profile');
  assert.ok(unconfined.includes('trivy:KSV-0104') && unconfined.includes('kubesec:SeccompUnconfined'));
  const caps = (cap: string) => refs(pod('', `      securityContext: {capabilities: {add: [${cap}]}}\n`), 'k8s/dangerous-capabilities')[0];
  assert.ok(caps('SYS_MODULE').includes('trivy:KSV-0120'));
  assert.ok(!caps('SYS_PTRACE').includes('trivy:KSV-0120') && !caps('SYS_PTRACE').includes('polaris:dangerousCapabilities'));
  assert.ok(caps('NET_ADMIN').includes('polaris:dangerousCapabilities'));
  assert.ok(!caps('SETPCAP').includes('trivy:KSV-0022'), 'the baseline standard allows adding SETPCAP');
});

test('service accounts: each case cites its own checks', () => {
  const refs = (text: string) => scan(text).findings.filter((f) => f.ruleId === 'k8s/service-account').map((f) => f.references);
  const [unset] = refs('apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers: [{name: c, image: "x:1"}]\n');
  assert.ok(unset.includes('kics:591ade62-d6b0-4580-b1ae-209f80ba1cd9') && !unset.includes('checkov:CKV_K8S_42'));
  const [named] = refs('apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  serviceAccountName: default\n  containers: [{name: c, image: "x:1"}]\n');
  assert.ok(!named.includes('kics:591ade62-d6b0-4580-b1ae-209f80ba1cd9'), 'KICS reads an undefined or empty name only');
  const [binding] = refs('apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b, namespace: shop}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}\nsubjects: [{kind: ServiceAccount, name: default, namespace: shop}]\n');
  assert.deepEqual(binding, ['checkov:CKV_K8S_42', 'kics:1e749bc9-fde8-471c-af0c-8254efd2dee5']);
});

test('ingress-nginx snippets: every snippet cites CKV_K8S_153; Lua and alias snippets and server-snippet cite their own checks', () => {
  const ingress = (key: string, value: string) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\n  namespace: shop\n  annotations:\n    ${key}: ${JSON.stringify(value)}\nspec:\n  rules: [{host: a.example.com}]\n`;
  const refs = (text: string) => scan(text).findings.find((f) => f.ruleId === 'k8s/ingress-nginx-snippet')!.references;
  assert.deepEqual(refs(ingress('nginx.ingress.kubernetes.io/configuration-snippet', 'more_set_headers "X: y";')), ['checkov:CKV_K8S_153']);
  assert.ok(refs(ingress('nginx.ingress.kubernetes.io/configuration-snippet', 'content_by_lua_block { ngx.say(1) }')).includes('checkov:CKV_K8S_152'));
  assert.ok(refs(ingress('nginx.ingress.kubernetes.io/server-snippet', 'location /x { alias /etc/; }')).includes('checkov:CKV_K8S_154'));
  assert.ok(refs(ingress('nginx.ingress.kubernetes.io/server-snippet', 'return 200;')).includes('datree:INGRESS_CVE2021_25742_INCORRECT_SERVER_SNIPPET_KEY'));
});

test('RBAC traces and ConfigMaps: pods/log, events, aws-auth and coredns each cite their own checks', () => {
  const role = (rules: string, kind = 'ClusterRole', ns = '') => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata: {name: r${ns ? `, namespace: ${ns}` : ''}}\nrules:\n${rules}`;
  const refs = (text: string, rule: string) => scan(text).findings.filter((f) => f.ruleId === rule).map((f) => f.references);
  assert.deepEqual(refs(role('  - {apiGroups: [""], resources: [pods/log], verbs: [delete]}\n'), 'k8s/rbac-anti-forensics'), [['trivy:KSV-0042']]);
  assert.deepEqual(refs(role('  - {apiGroups: [""], resources: [events], verbs: [deletecollection]}\n'), 'k8s/rbac-anti-forensics'), [['kubescape:C-0031']]);
  assert.deepEqual(refs(role('  - {apiGroups: [""], resources: [configmaps], verbs: [create]}\n', 'Role', 'shop'), 'k8s/rbac-configmap-tampering'), [['trivy:KSV-0049']]);
  assert.deepEqual(refs(role('  - {apiGroups: [""], resources: [configmaps], verbs: [update]}\n'), 'k8s/rbac-configmap-tampering'), [['trivy:KSV-0049', 'kubescape:C-0037']]);
  const [awsAuth] = scan(role('  - {apiGroups: [""], resources: [configmaps], resourceNames: [aws-auth], verbs: [patch]}\n', 'Role', 'kube-system')).findings.filter((f) => f.ruleId === 'k8s/rbac-configmap-tampering');
  assert.deepEqual(awsAuth.references, ['trivy:KSV-0049', 'trivy:KSV-0115']);
  assert.match(awsAuth.message, /aws-auth ConfigMap/);
  // A rule narrowed to another ConfigMap grants nothing riskgate reports.
  assert.deepEqual(refs(role('  - {apiGroups: [""], resources: [configmaps], resourceNames: [app-settings], verbs: [patch]}\n'), 'k8s/rbac-configmap-tampering'), []);
});

test('from-platform, deprecated APIs, SELinux, registries and hard-coded secrets cite per case', () => {
  const df = (text: string) => scanFiles([{ path: 'Dockerfile', text }], defaultConfig(), '2026-01-01').findings.filter((f) => f.ruleId === 'docker/from-platform').map((f) => f.references);
  assert.deepEqual(df('FROM --platform=linux/amd64 alpine:3.20\n'), [['hadolint:DL3029', 'kics:b16e8501-ef3c-44e1-a543-a093238099c9']]);
  assert.deepEqual(df('FROM --platform=$TARGETPLATFORM alpine:3.20\n'), [['hadolint:DL3065', 'kics:b16e8501-ef3c-44e1-a543-a093238099c9']]);

  const api = (apiVersion: string, kind: string) => scan(`apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: x, namespace: shop}\n`).findings.find((f) => f.ruleId === 'k8s/deprecated-api')!.references;
  assert.deepEqual(api('extensions/v1beta1', 'Deployment'), ['trivy:KSV-0107', 'kube-linter:no-extensions-v1beta', 'kube-score:stable-version', 'kics:94b76ea5-e074-4ca2-8a03-c5a606e30645', 'datree:K8S_DEPRECATED_APIVERSION_1.16']);
  assert.deepEqual(api('rbac.authorization.k8s.io/v1beta1', 'Role'), ['trivy:KSV-0107', 'kics:94b76ea5-e074-4ca2-8a03-c5a606e30645', 'datree:K8S_DEPRECATED_APIVERSION_1.22']);
  assert.deepEqual(api('batch/v1beta1', 'CronJob'), ['trivy:KSV-0107', 'kube-score:stable-version', 'kics:94b76ea5-e074-4ca2-8a03-c5a606e30645']);

  const pod = (container: string, podSc = '') => `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n${podSc}  containers:\n    - name: c\n      image: "k8s.gcr.io/pause:3.9"\n${container}`;
  const refs = (text: string, rule: string) => scan(text).findings.filter((f) => f.ruleId === rule).map((f) => f.references);
  assert.deepEqual(refs(pod('      securityContext: {seLinuxOptions: {role: sysadm_r}}\n'), 'k8s/selinux-options'), [['trivy:KSV-0025', 'datree:EKS_INVALID_SELINUXOPTIONS_ROLE_VALUE']]);
  assert.deepEqual(refs(pod(''), 'k8s/untrusted-registry'), [['kubescape:C-0001', 'kubescape:C-0253']]);

  const env = (name: string, value: string) => refs(pod(`      env: [{name: ${name}, value: ${JSON.stringify(value)}}]\n`), 'k8s/hardcoded-secret-env')[0];
  assert.deepEqual(env('DB_PASSWORD', 's3cr3t-Pa55'), ['polaris:sensitiveContainerEnvVar', 'kubescape:C-0012', 'kubescape:C-0259']);
  assert.ok(env('CLIENT_SECRET', 's3cr3t-Pa55').includes('kube-linter:env-var-secret'), 'kube-linter reads names containing "secret"');
  const aws = env('UPLOAD_TARGET', 'AKIAIOSFODNN7EXAMPLE');
  assert.deepEqual(aws, ['datree:ALL_EXPOSED_SECRET_AWS'], 'a key ID under a harmless name is only the value-shape checks\' finding');
});

test('Linux hardening (Polaris linuxHardening, Kubescape C-0055) is cited only when a container has no hardening at all', () => {
  const pod = (sc: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers:\n    - name: c\n      image: "x:1"\n${sc}`;
  const seccomp = (text: string) => scan(text).findings.find((f) => f.ruleId === 'k8s/seccomp-profile')!.references;
  assert.ok(seccomp(pod('')).includes('kubescape:C-0055') && seccomp(pod('')).includes('polaris:linuxHardening'));
  const dropped = seccomp(pod('      securityContext: {capabilities: {drop: [ALL]}}\n'));
  assert.ok(dropped.includes('trivy:KSV-0030'));
  assert.ok(!dropped.includes('kubescape:C-0055') && !dropped.includes('polaris:linuxHardening'), 'dropping capabilities is hardening to both');
  const caps = scan(pod('      securityContext: {seccompProfile: {type: RuntimeDefault}}\n')).findings.find((f) => f.ruleId === 'k8s/capabilities-not-dropped')!.references;
  assert.ok(!caps.includes('kubescape:C-0055'), 'a container with seccomp passes C-0055');
});

test('admission webhooks: Checkov for ClusterRoles that create/update/patch, Trivy on its verbs, Kubescape only for a bound role', () => {
  const role = (verbs: string, kind = 'ClusterRole') => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata: {name: hooks, namespace: ops}\nrules:\n  - {apiGroups: [admissionregistration.k8s.io], resources: [validatingwebhookconfigurations], verbs: [${verbs}]}\n`;
  const binding = '---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: hooks}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: hooks}\nsubjects: [{kind: ServiceAccount, name: ctl, namespace: ops}]\n';
  const refs = (text: string) => scan(text).findings.filter((f) => f.ruleId === 'k8s/rbac-admission-webhooks').map((f) => f.references);
  assert.deepEqual(refs(role('patch')), [['trivy:KSV-0114', 'checkov:CKV_K8S_155']], 'an unbound role: no subject for Kubescape to judge');
  assert.deepEqual(refs(role('patch') + binding), [['trivy:KSV-0114', 'checkov:CKV_K8S_155']], 'Kubescape does not count patch');
  assert.deepEqual(refs(role('update') + binding), [['trivy:KSV-0114', 'checkov:CKV_K8S_155', 'kubescape:C-0281']]);
  assert.deepEqual(refs(role('delete')), [['trivy:KSV-0114']], 'Checkov does not count delete');
  assert.deepEqual(refs(role('impersonate')), [], 'impersonate on webhooks grants nothing');
});

test('UID 0 cites the low-UID checks that compare with 10000; nodes/proxy cites Trivy only for get and create', () => {
  const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n${spec}  containers:\n    - name: c\n      image: "x:1"\n      securityContext: {runAsUser: 0}\n`;
  const uid0 = (spec: string) => scan(pod(spec)).findings.filter((f) => f.ruleId === 'k8s/run-as-uid-0').map((f) => f.references)[0];
  assert.ok(uid0('').includes('trivy:KSV-0020') && uid0('').includes('checkov:CKV_K8S_40') && uid0('').includes('trivy:KSV-0105'));
  assert.ok(!uid0('  hostUsers: false\n').includes('checkov:CKV_K8S_40'), 'Checkov accepts any UID in a pod with its own user namespace');
  assert.equal(scan(pod('')).findings.filter((f) => f.ruleId === 'k8s/low-uid-gid' && /runAsUser/.test(f.message)).length, 0, 'UID 0 is not reported twice');
  const role = (verb: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}\nrules:\n  - {apiGroups: [""], resources: [nodes/proxy], verbs: [${verb}]}\n`;
  const proxy = (verb: string) => scan(role(verb)).findings.filter((f) => f.ruleId === 'k8s/rbac-nodes-proxy').map((f) => f.references)[0];
  assert.ok(proxy('get').includes('trivy:KSV-0047'));
  assert.ok(proxy('update') && !proxy('update').includes('trivy:KSV-0047'), 'update reaches the kubelet too, but Trivy does not count it');
});

test('HEALTHCHECK missing: every peer when the file has none, hadolint alone when another stage has one', async () => {
  const { parseConfig } = await import('../src/core/config.js');
  const { ruleMetas } = await import('../src/rules/index.js');
  const config = parseConfig('rules:\n  docker/healthcheck-missing: low\n', '.riskgate.yaml', ruleMetas());
  const refs = (text: string) => scanFiles([{ path: 'Dockerfile', text }], config, '2026-01-01').findings.filter((f) => f.ruleId === 'docker/healthcheck-missing').map((f) => f.references);
  assert.deepEqual(refs('FROM alpine:3.20\nUSER 1000\n'), [['hadolint:DL3057', 'trivy:DS-0026', 'checkov:CKV_DOCKER_2', 'kics:b03a748a-542d-44f4-bb86-9199ab4fd2d5']]);
  assert.deepEqual(refs('FROM alpine:3.20 AS build\nHEALTHCHECK CMD ["/x"]\nFROM scratch\nUSER 1000\n'), [['hadolint:DL3057']]);
  assert.deepEqual(refs('FROM alpine:3.20 AS build\nHEALTHCHECK CMD ["/x"]\nFROM build\nUSER 1000\n'), [], 'inherited through FROM build');
});

test('NET_RAW: kube-linter only for containers that write capabilities; Trivy only for an added NET_RAW', () => {
  const pod = (sc: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers:\n    - name: c\n      image: "x:1"\n${sc}`;
  const refs = (sc: string) => scan(pod(sc)).findings.filter((f) => f.ruleId === 'k8s/net-raw').map((f) => f.references)[0];
  assert.deepEqual(refs(''), ['checkov:CKV_K8S_28', 'kics:dbbc6705-d541-43b0-b166-dd4be8208b54', 'datree:CIS_MISSING_VALUE_DROP_NET_RAW'], 'no capabilities: kube-linter skips the container');
  assert.ok(refs('      securityContext: {capabilities: {drop: [CHOWN]}}\n').includes('kube-linter:drop-net-raw-capability'));
  const added = refs('      securityContext: {capabilities: {add: [NET_RAW], drop: [ALL]}}\n');
  assert.deepEqual(added, ['trivy:KSV-0119', 'kube-linter:drop-net-raw-capability'], 'dropped ALL: only the add is a finding');
  assert.ok(!refs('      securityContext: {capabilities: {drop: [CHOWN]}}\n').includes('trivy:KSV-0119'), 'Trivy reads only an added NET_RAW');
});
