// A bounded scan (two passes: a compact cross-object index, then each file checked and let go)
// gives exactly what a scan holding every parsed file gives: files, findings, resources.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURES } from './helpers/fixtures.js';
import { tempTree } from './helpers/tmp.js';
import { scan, BOUNDED_FROM_MANIFESTS } from '../src/core/engine.js';
import { defaultConfig } from '../src/core/config.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Objects whose findings depend on objects in other files. */
const CROSS_FILE: Record<string, string> = {
  'x/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web, tier: "1.10"}}\n    spec:\n      serviceAccountName: shared\n      containers:\n        - name: web\n          image: "nginx:1.27"\n          ports: [{name: http, containerPort: 8080}]\n',
  'x/cron.yaml': 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: job, namespace: shop}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        metadata: {labels: {app: job}}\n        spec:\n          serviceAccountName: shared\n          restartPolicy: Never\n          containers: [{name: j, image: "busybox:1.36", ports: [{containerPort: 9000}]}]\n',
  'x/svc-ok.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http}, {port: 81, targetPort: 9999}]\n',
  'x/svc-dangling.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: none, namespace: shop}\nspec:\n  selector: {app: nothing}\n  ports: [{port: 80}]\n',
  'x/netpol.yaml': 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Ingress]\n',
  'x/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: shared, namespace: shop}\nautomountServiceAccountToken: false\n',
  'x/aggregated.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: agg}\naggregationRule:\n  clusterRoleSelectors: [{matchLabels: {rbac.example.com/aggregate: "true"}}]\nrules: []\n',
  'x/source-role.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: src, labels: {rbac.example.com/aggregate: "true"}}\nrules:\n  - {apiGroups: [""], resources: [secrets], verbs: [get]}\n',
  'x/binding.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: b}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: src}\nsubjects: [{kind: ServiceAccount, name: shared, namespace: shop}]\n',
  // Kinds the index copies only in part (slim-object.ts, KEPT): each read from another file.
  'x/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, annotations: {owner: team}}\n',
  'x/quota.yaml': 'apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q, namespace: shop}\nspec: {hard: {pods: "10"}}\n',
  'x/all-verbs-role.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: everything, namespace: shop, annotations: {note: x}}\nrules:\n  - {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}\n',
  'x/all-verbs-binding.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: ops, namespace: shop}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: everything}\nsubjects: [{kind: ServiceAccount, name: default, namespace: shop}]\n',
  'x/ingress.yaml': 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: front, namespace: shop}\nspec:\n  rules:\n    - http:\n        paths:\n          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}\n          - {path: /x, pathType: Prefix, backend: {service: {name: ghost, port: {number: 80}}}}\n',
  'x/list.yaml': 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: p1, namespace: shop, labels: {app: web}}\n    spec: {containers: [{name: c, image: "x:1"}]}\n  - apiVersion: v1\n    kind: PodTemplate\n    metadata: {name: t, namespace: shop}\n    template:\n      metadata: {labels: {app: tpl}}\n      spec: {containers: [{name: c, image: "x:1"}]}\n',
};

test('a bounded scan equals a full one on rule fixtures, examples and objects related across files; it keeps only the texts reports need', () => {
  const { dir, cleanup } = tempTree(CROSS_FILE, {
    examples: join(ROOT, 'examples'),
    k8s: join(FIXTURES, 'k8s'),
    docker: join(FIXTURES, 'docker'),
    'yaml-tricks': join(FIXTURES, 'yaml-tricks'),
  });
  try {
    const run = (bounded: boolean) => scan({ paths: ['.'], cwd: dir, config: defaultConfig(), today: '2026-11-30', bounded });
    const full = run(false);
    const bounded = run(true);
    const plain = (r: typeof full) => JSON.parse(JSON.stringify({ files: r.files, findings: r.findings, resources: r.resources }));
    assert.deepEqual(plain(bounded), plain(full));
    assert.ok(full.findings.length > 300);
    for (const [rule, re] of [
      ['k8s/dangling-service', /none|9999/],
      ['k8s/dangling-service', /Service ghost/],
      ['k8s/rbac-read-secrets', /aggregates ClusterRole src/],
      ['k8s/service-account', /shared/],
      ['k8s/cluster-admin-binding', /binds Role everything, which grants \* on \*/],
      ['k8s/namespace-limits', /namespace shop has no LimitRange/],
    ] as const)
      assert.ok(bounded.findings.some((f) => f.ruleId === rule && re.test(f.message)), `${rule} found across files`);
    // Only the files with findings (or suppressions) keep their text; no parsed objects are kept.
    const withFindings = new Set(bounded.findings.map((f) => f.path));
    for (const path of bounded.sources.keys()) assert.ok(withFindings.has(path), `${path} kept without findings`);
    assert.equal(bounded.objects.length, 0);
    assert.ok(BOUNDED_FROM_MANIFESTS >= 100, 'small scans stay single-pass');
    // For a JSON report no text is kept at all, and nothing else changes.
    for (const b of [true, false]) {
      const textless = scan({ paths: ['.'], cwd: dir, config: defaultConfig(), today: '2026-11-30', bounded: b, keepTexts: false });
      assert.deepEqual(plain(textless), plain(full));
      assert.equal(textless.sources.size, 0);
    }
  } finally {
    cleanup();
  }
});
