// The cross-object index answers from lookups built on first use (by label, by namespace, by
// roleRef); each answer must be exactly the search of every object it replaces, in the same order.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { scan } from '../src/core/engine.js';
import { ClusterIndex, LabelSelector } from '../src/core/k8s/cluster-index.js';
import { effectiveNamespace, templateLabels } from '../src/core/k8s/objects.js';
import { podLabels } from '../src/core/k8s/cluster-index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('label, namespace and roleRef lookups equal a search of every object', () => {
  const { objects } = scan({ paths: ['examples', 'test/fixtures/k8s', 'test/fixtures/yaml-tricks'], cwd: ROOT, bounded: false });
  const index = new ClusterIndex(objects);
  const names = (list: { path: string; documentIndex: number; kind: string; name: string }[]) => list.map((o) => `${o.path}#${o.documentIndex} ${o.kind}/${o.name}`);
  const namespaces = [...new Set(objects.map(effectiveNamespace)), 'nowhere'];
  const selectors: LabelSelector[] = [];
  for (const o of objects) {
    const spec = o.node.map('spec');
    if (o.kind === 'Service' && spec?.map('selector')) selectors.push(LabelSelector.fromSelector(spec.map('selector')));
    if (o.kind === 'NetworkPolicy' && spec?.map('podSelector')) selectors.push(LabelSelector.fromSelector(spec.map('podSelector')));
    for (const m of o.node.map('aggregationRule')?.maps('clusterRoleSelectors') ?? []) selectors.push(LabelSelector.fromSelector(m));
  }
  // Labels every workload and role carries, one at a time and two together, as selectors too.
  for (const o of objects) for (const [k, v] of Object.entries(o.pod ? podLabels(o) : o.labels)) selectors.push(new LabelSelector({ [k]: v }, []), new LabelSelector({ [k]: v, extra: 'x' }, []));
  assert.ok(selectors.length > 50, `${selectors.length} selectors`);
  let compared = 0;
  for (const ns of namespaces) {
    // Workloads, and workload templates without a pod spec (selected by their template labels).
    const labelsOf = (o: (typeof objects)[number]) => (o.pod ? podLabels(o) : templateLabels(o));
    const workloads = objects.filter((o) => labelsOf(o) !== null && effectiveNamespace(o) === ns);
    for (const sel of selectors) {
      assert.deepEqual(names(index.podsMatching(ns, sel)), names(workloads.filter((w) => sel.matches(labelsOf(w)!))));
      compared++;
    }
    for (const kind of ['Service', 'NetworkPolicy', 'Deployment', 'Pod']) assert.deepEqual(names(index.inNamespace(kind, ns)), names(objects.filter((o) => o.kind === kind && effectiveNamespace(o) === ns)));
  }
  for (const sel of selectors) assert.deepEqual(names(index.labeled('ClusterRole', sel)), names(objects.filter((o) => o.kind === 'ClusterRole' && sel.matches(o.labels))));
  for (const role of objects.filter((o) => o.kind === 'Role' || o.kind === 'ClusterRole'))
    for (const bindingKind of ['RoleBinding', 'ClusterRoleBinding'])
      assert.deepEqual(
        names(index.bindingsTo(bindingKind, role.kind, role.name)),
        names(objects.filter((b) => b.kind === bindingKind && b.node.map('roleRef')?.str('kind') === role.kind && b.node.map('roleRef')?.str('name') === role.name)),
      );
  assert.ok(compared > 500);
  objects.forEach((o, i) => assert.equal(index.positionOf(o), i));
});
