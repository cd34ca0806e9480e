// What the cross-object index keeps of an object that is not being checked: a small copy of the
// fields cross-object rules read from other objects (labels, selectors, service accounts, ports,
// RBAC rules and bindings), so a large scan does not hold every file's parsed tree at once.
// The copy is a new tree (nodes keep their offsets but no link to the original) whose strings
// are copies (util/detach.ts), so the original tree and its text can be freed.
//
// Rules that read other objects through ClusterIndex (see cluster-index.ts) must read only what
// is kept here: test/bounded-scan.test.ts compares a bounded scan with a normal one.

import { YMap, YPair, YScalar, YSeq, type YNode } from '../yaml/ast.js';
import { makeObject, type KubeObject, type Positions } from './objects.js';
import type { Position } from '../text.js';
import { detach } from '../util/detach.js';

/**
 * What cross-object rules read of other objects beyond identity and labels, by kind (paths of map
 * keys from the object's root): a NetworkPolicy's pod selector (non-isolated-pod), a role's rules
 * and aggregation (cluster-admin-binding, rbac-grant-rule), a binding's roleRef and subjects
 * (rbac-read-secrets, service-account), a ServiceAccount's automount setting
 * (service-account-token), and what the object graph reads of Services, Ingresses, routes and
 * NetworkPolicies. Quotas, limit ranges and namespaces are only looked up by name and namespace.
 * Everything else (other annotations, container settings, …) is left out of the copy: it was a
 * third of the index's nodes on real-world manifests.
 */
const KEPT: Record<string, string[][]> = {
  // The object graph (core/graph) reads how Services, Ingresses, Gateway routes and
  // NetworkPolicies connect the internet to pods, and the pod's volumes (projected tokens).
  NetworkPolicy: [['spec', 'podSelector'], ['spec', 'policyTypes'], ['spec', 'ingress']],
  Service: [['metadata', 'annotations'], ['spec', 'type'], ['spec', 'selector'], ['spec', 'externalIPs'], ['spec', 'loadBalancerSourceRanges']],
  Ingress: [['spec']],
  HTTPRoute: [['spec', 'rules']],
  GRPCRoute: [['spec', 'rules']],
  TLSRoute: [['spec', 'rules']],
  TCPRoute: [['spec', 'rules']],
  Role: [['rules']],
  ClusterRole: [['rules'], ['aggregationRule']],
  RoleBinding: [['roleRef'], ['subjects']],
  ClusterRoleBinding: [['roleRef'], ['subjects']],
  ServiceAccount: [['automountServiceAccountToken']],
  // A workload template without a pod spec is still selected by its labels (templateLabels).
  ...Object.fromEntries(['Deployment', 'DeploymentConfig', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job'].map((k) => [k, [['spec', 'template', 'metadata', 'labels']]])),
  CronJob: [['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels']],
};
const METADATA_KEYS = ['name', 'generateName', 'namespace', 'labels'];
const POD_SPEC_KEYS = ['serviceAccountName', 'serviceAccount', 'automountServiceAccountToken', 'volumes'];
const CONTAINER_KEYS = ['name', 'image', 'ports'];
const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'];

export function slimObject(o: KubeObject): KubeObject {
  const copy = makeObject(o.path, o.documentIndex, o.itemIndex, skeleton(o));
  if (o.positions) copy.positions = NodePositions.of(copy.node, o.positions);
  return copy;
}

/**
 * The lines and columns of a copy's own nodes (their starts), so the copy can name where its
 * fields are without its file's text: sorted offsets and their positions, looked up by the
 * nearest offset at or before the one asked.
 */
export class NodePositions implements Positions {
  constructor(readonly table: number[]) {}

  static of(root: YNode, from: Positions): NodePositions {
    const offsets = new Set<number>();
    const walk = (n: YNode) => {
      offsets.add(n.start);
      if (n instanceof YSeq) n.items.forEach(walk);
      else if (n instanceof YMap) for (const p of n.pairs) (walk(p.key), walk(p.value));
    };
    walk(root);
    const table: number[] = [];
    for (const off of [...offsets].sort((a, b) => a - b)) {
      const p = from.position(off);
      table.push(off, p.line, p.column);
    }
    return new NodePositions(table);
  }

  position(offset: number): Position {
    const t = this.table;
    let lo = 0;
    let hi = t.length / 3 - 1;
    if (hi < 0) return { line: 1, column: 1 };
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (t[mid * 3] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: t[lo * 3 + 1], column: t[lo * 3 + 2] + Math.max(0, offset - t[lo * 3]) };
  }
}

/** apiVersion, kind, identity and labels, the kind's KEPT fields, and along the pod template path the fields the index reads. */
function skeleton(o: KubeObject): YMap {
  const root = pick(o.node, ['apiVersion', 'kind']);
  const metadata = o.node.map('metadata');
  if (metadata) put(root, 'metadata', pick(metadata, METADATA_KEYS));
  for (const keys of KEPT[o.kind] ?? []) {
    const value = o.node.at(...keys);
    const owner = keys.length > 1 ? o.node.at(...keys.slice(0, -1)) : o.node;
    if (value) place(root, keys, copy(value), owner instanceof YMap ? owner.pairOf(keys[keys.length - 1])?.key : undefined);
  }
  if (!o.pod) return root;
  // The keys from the object's root to its pod spec and pod metadata (spec.template.spec, …).
  const specPath = pathTo(o.node, o.pod.spec);
  if (!specPath) return root;
  const spec = pick(o.pod.spec, POD_SPEC_KEYS);
  for (const list of CONTAINER_LISTS) {
    const seq = o.pod.spec.seq(list);
    if (!seq) continue;
    const out = new YSeq(seq.flow);
    for (const item of seq.items) if (item instanceof YMap) addItem(out, pick(item, CONTAINER_KEYS));
    put(spec, list, out);
  }
  place(root, specPath, spec);
  if (o.pod.metadata && o.pod.metadata !== metadata) {
    const metaPath = pathTo(o.node, o.pod.metadata);
    if (metaPath) place(root, metaPath, pick(o.pod.metadata, METADATA_KEYS));
  }
  return root;
}

/** The map keys leading from `root` to `node`, or null when it is not under root by maps only. */
function pathTo(root: YMap, node: YMap): string[] | null {
  const keys: string[] = [];
  let at: YNode = node;
  while (at !== root) {
    const pair: YPair | null = at.pair;
    if (!pair) return null;
    keys.unshift(pair.keyText);
    at = pair.map;
  }
  return keys;
}

/** Sets `value` at `keys` under `root`, creating the maps on the way; the last key placed where `key` was written. */
function place(root: YMap, keys: string[], value: YNode, key?: YNode): void {
  let map = root;
  for (const k of keys.slice(0, -1)) {
    let next = map.map(k);
    if (!next) put(map, k, (next = new YMap(false)));
    map = next;
  }
  const last = keys[keys.length - 1];
  const existing = map.map(last);
  // The pod metadata may land where a map was already made on the way to the spec (template).
  if (existing && value instanceof YMap) for (const p of value.pairs) put(existing, p.keyText, p.value, p.key);
  else put(map, last, value, key);
}

function pick(map: YMap, keys: string[]): YMap {
  const out = placed(new YMap(map.flow), map.start, map.end);
  for (const k of keys) {
    const p = map.pairOf(k);
    if (p) put(out, k, copy(p.value), p.key);
  }
  return out;
}

/** Adds `key: value`; the key at the offsets of `from` (the key it copies), so the copy can say where the pair is written. */
function put(map: YMap, key: string, value: YNode, from?: YNode): void {
  const k = new YScalar(key, key, false, false);
  if (from) placed(k, from.start, from.end);
  addPair(map, k, value);
}

/** Appends `key: value` to `map`, the value linked to its pair as the parser links it. Shared with slim-wire.ts. */
export function addPair(map: YMap, key: YNode, value: YNode): void {
  const pair = new YPair(key, value, map);
  value.pair = pair;
  map.pairs.push(pair);
}

/** Appends `item` to `seq`, linked to it as the parser links it. */
export function addItem(seq: YSeq, item: YNode): void {
  item.inSeq = seq;
  seq.items.push(item);
}

/** `node`, placed at the source offsets of what it copies. */
export function placed<T extends YNode>(node: T, start: number, end: number): T {
  node.start = start;
  node.end = end;
  return node;
}

/** A deep copy with offsets and values, and no link to the original tree. */
function copy(node: YNode): YNode {
  if (node instanceof YScalar) {
    // Detached: a value read from the file is a view into its text, which the copy must not keep alive.
    const text = detach(node.text);
    const value = node.value === node.text ? text : typeof node.value === 'string' ? detach(node.value) : node.value;
    return placed(new YScalar(value, text, node.quoted, node.block), node.start, node.end);
  }
  if (node instanceof YSeq) {
    const s = placed(new YSeq(node.flow), node.start, node.end);
    for (const i of node.items) addItem(s, copy(i));
    return s;
  }
  const m = placed(new YMap(node.flow), node.start, node.end);
  for (const p of node.pairs) addPair(m, copy(p.key), copy(p.value));
  return m;
}
