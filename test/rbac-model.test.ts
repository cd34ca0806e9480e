// RBAC rules are evaluated as the API server's RBAC authorizer evaluates a request: API group,
// resource and subresource, verb and resourceNames, with wildcards. Every RBAC check is a query
// on that model, so a grant in an unrelated API group is not a grant.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFiles } from '../src/core/engine.js';
import { defaultConfig } from '../src/core/config.js';
import { allows, type PolicyRule } from '../src/rules/k8s/rbac.js';
import { parseYaml } from '../src/core/yaml/parse.js';
import { YMap } from '../src/core/yaml/ast.js';
import { seqScalars } from '../src/rules/k8s/helpers.js';

const rule = (yaml: string): PolicyRule => {
  const r = parseYaml(yaml).documents[0].root as YMap;
  return { node: r, apiGroups: seqScalars(r.get('apiGroups')), resources: seqScalars(r.get('resources')), verbs: seqScalars(r.get('verbs')), resourceNames: seqScalars(r.get('resourceNames')).map((s) => String(s.value)), nonResourceURLs: [] };
};

test('the authorizer model: groups, wildcards, subresources, resourceNames', () => {
  const any = rule('apiGroups: ["*"]\nresources: ["*"]\nverbs: ["*"]\n');
  assert.ok(allows(any, { verb: 'create', group: '', resource: 'pods' }));
  assert.ok(allows(any, { verb: 'create', group: '', resource: 'pods/exec' }), '* matches subresources too');
  const aaa = rule('apiGroups: [aaa]\nresources: ["*"]\nverbs: ["*"]\n');
  assert.equal(allows(aaa, { verb: 'create', group: '', resource: 'pods' }), null, 'pods live in the core group, not aaa');
  const subAny = rule('apiGroups: [""]\nresources: ["*/exec"]\nverbs: [create]\n');
  assert.ok(allows(subAny, { verb: 'create', group: '', resource: 'pods/exec' }));
  assert.equal(allows(subAny, { verb: 'create', group: '', resource: 'pods' }), null);
  const podsOnly = rule('apiGroups: [""]\nresources: [pods]\nverbs: [create]\n');
  assert.equal(allows(podsOnly, { verb: 'create', group: '', resource: 'pods/exec' }), null, 'pods does not grant pods/exec');
  const named = rule('apiGroups: [""]\nresources: [secrets]\nresourceNames: [app-tls]\nverbs: [get]\n');
  assert.ok(allows(named, { verb: 'get', group: '', resource: 'secrets', name: 'app-tls' }));
  assert.equal(allows(named, { verb: 'get', group: '', resource: 'secrets', name: 'db' }), null);
  assert.equal(allows(named, { verb: 'list', group: '', resource: 'secrets' }), null, 'a named rule grants no collection request');
});

const findings = (yaml: string) => scanFiles([{ path: 'r.yaml', text: yaml }], defaultConfig(), '2026-01-01').findings.map((f) => f.ruleId).filter((id) => id.startsWith('k8s/rbac'));

test('* on * in an unrelated API group is a wildcard, not pod creation, impersonation or Secret access', () => {
  const got = findings('apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r, namespace: ns}\nrules:\n  - apiGroups: [aaa]\n    resources: ["*"]\n    verbs: ["*"]\n');
  assert.deepEqual([...new Set(got)], ['k8s/rbac-wildcard']);
});

test('update, patch and deletecollection manage workloads and Secrets; bind limited by resourceNames is narrowed', () => {
  const role = (rules: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}\nrules:\n${rules}`;
  assert.ok(findings(role('  - apiGroups: [apps]\n    resources: [deployments]\n    verbs: [patch]\n')).includes('k8s/rbac-create-pods'));
  assert.ok(findings(role('  - apiGroups: [""]\n    resources: [secrets]\n    verbs: [deletecollection]\n')).includes('k8s/rbac-read-secrets'));
  assert.ok(findings(role('  - apiGroups: [networking.k8s.io]\n    resources: [ingresses]\n    verbs: [update]\n')).includes('k8s/rbac-manage-networking'));
  assert.ok(findings(role('  - apiGroups: [""]\n    resources: ["*/exec"]\n    verbs: [create]\n')).includes('k8s/rbac-exec-attach'));
  assert.deepEqual(findings(role('  - apiGroups: [rbac.authorization.k8s.io]\n    resources: [clusterroles]\n    resourceNames: [view]\n    verbs: [bind]\n')), []);
});

test('Trivy references follow the rule as written', () => {
  const scan = (yaml: string) => scanFiles([{ path: 'r.yaml', text: yaml }], defaultConfig(), '2026-01-01').findings;
  const star = scan('apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}\nrules:\n  - apiGroups: [""]\n    resources: ["*"]\n    verbs: [get]\n').find((f) => f.ruleId === 'k8s/rbac-read-secrets')!;
  assert.ok(!star.references.includes('trivy:KSV-0041'), 'Trivy reads `secrets` literally; `*` is not its condition');
  const named = scan('apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r, namespace: ns}\nrules:\n  - apiGroups: [""]\n    resources: [secrets]\n    verbs: [update]\n').find((f) => f.ruleId === 'k8s/rbac-read-secrets')!;
  assert.deepEqual(named.references.filter((r) => r.startsWith('trivy:')), ['trivy:KSV-0113']);
  assert.ok(!named.references.includes('kube-linter:access-to-secrets'), 'update is not read access');
});
