// The risk model's features are sums of per-finding shares (features.ts): a resource's variant
// without one finding is computed by subtraction, not by recounting. These tests hold the
// subtraction to the recount on real scans, and pin the three ways shares combine.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { scan } from '../src/core/engine.js';
import { FEATURE_NAMES, FeatureTable, computeShares, featureVector, findingsByResource, sharesOf } from '../src/core/risk/features.js';
import { rowKey } from '../src/core/risk/row-key.js';
import { syntheticFinding, syntheticResource } from '../src/core/risk/single-finding.js';
import { ruleMetas } from '../src/rules/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('a variant without one finding, and a table after removals, equal a fresh count of the findings left', () => {
  const result = scan({ paths: ['examples', 'test/fixtures/k8s', 'test/fixtures/docker'], cwd: ROOT });
  let compared = 0;
  for (const [resource, list] of findingsByResource(result.resources, result.findings)) {
    if (list.length < 2) continue;
    const table = new FeatureTable(resource, list);
    assert.deepEqual(table.row(), featureVector({ resource, findings: list }));
    list.forEach((_, i) => {
      assert.deepEqual(table.rowWithout(i), featureVector({ resource, findings: list.filter((_, k) => k !== i) }), `${resource.path} ${resource.kind} without ${list[i].ruleId}`);
      assert.equal(table.keyWithout(i), rowKey(table.rowWithout(i)), `key of ${resource.path} ${resource.kind} without ${list[i].ruleId}`);
      compared++;
    });
    // Take findings out one by one (every other one), checking the table and its variants each time.
    const left = list.map((_, i) => i);
    for (let i = 0; i < list.length; i += 2) {
      table.remove(i);
      left.splice(left.indexOf(i), 1);
      assert.deepEqual(table.row(), featureVector({ resource, findings: left.map((k) => list[k]) }));
      for (const k of left) {
        assert.deepEqual(table.rowWithout(k), featureVector({ resource, findings: left.filter((x) => x !== k).map((x) => list[x]) }));
        assert.equal(table.keyWithout(k), rowKey(table.rowWithout(k)));
      }
      assert.equal(table.keyWithout(i), table.key(), 'a removed finding leaves the row as it is');
    }
  }
  assert.ok(compared > 500, `compared ${compared} variants`);
});

test('a cached share is what asking every feature gives, for every finding of the fixtures', () => {
  const result = scan({ paths: ['examples', 'test/fixtures/k8s', 'test/fixtures/docker'], cwd: ROOT });
  let compared = 0;
  let message = 0;
  for (const [resource, list] of findingsByResource(result.resources, result.findings)) {
    for (const f of list) {
      // Twice: the second answer comes from the cache, keyed by what the features read.
      assert.deepEqual(sharesOf(f, resource), computeShares(f, resource), `${f.ruleId} on ${resource.kind}`);
      assert.deepEqual(sharesOf({ ...f }, resource), computeShares(f, resource));
      compared++;
    }
  }
  // Findings whose message decides a feature get shares of their own.
  const token = { ...result.findings[0], ruleId: 'k8s/workload-token-powers', severity: 'high' as const };
  const workload = { ...result.resources[0], kind: 'Deployment' };
  const takeover = sharesOf({ ...token, message: 'cluster takeover: the token may …' }, workload);
  const exec = sharesOf({ ...token, message: 'exec into pods: the token may …' }, workload);
  assert.notDeepEqual(takeover, exec);
  assert.deepEqual(takeover, computeShares({ ...token, message: 'cluster takeover: the token may …' }, workload));
  message++;
  assert.ok(compared > 200 && message > 0, `only ${compared} findings compared`);
});

test('shares combine as counts, flags and distinct containers', () => {
  const meta = (id: string) => ruleMetas().find((m) => m.id === id)!;
  const pod = syntheticResource('Pod');
  const resources = (container: string) => ({ ...syntheticFinding(meta('k8s/resources'), 'Pod'), container });
  const privileged = syntheticFinding(meta('k8s/privileged-container'), 'Pod');
  const hostPid = syntheticFinding(meta('k8s/host-pid'), 'Pod');
  const findings = [resources('a'), resources('a'), resources('b'), privileged, privileged, hostPid, hostPid];
  const table = new FeatureTable(pod, findings);
  const at = (row: number[], name: string) => row[FEATURE_NAMES.indexOf(name)];
  assert.equal(at(table.row(), 'no_resources'), 2, 'two containers, three findings');
  assert.equal(at(table.row(), 'privileged'), 2, 'a count');
  assert.equal(at(table.row(), 'host_pid'), 1, 'a flag');
  assert.equal(at(table.row(), 'is_workload'), 1, 'a fact of the resource');
  assert.equal(at(table.rowWithout(0), 'no_resources'), 2, 'container a still has a finding');
  assert.equal(at(table.rowWithout(2), 'no_resources'), 1, 'container b had only this one');
  table.remove(5);
  assert.equal(at(table.row(), 'host_pid'), 1, 'one host-pid finding is left');
  assert.equal(at(table.rowWithout(6), 'host_pid'), 0);
  table.remove(6);
  assert.equal(at(table.row(), 'host_pid'), 0);
  assert.equal(at(table.rowWithout(6), 'host_pid'), 0, 'a removed finding is not subtracted twice');
});
