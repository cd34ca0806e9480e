// Index copies of objects (slim-object.ts) as plain arrays, to cross between the threads of a
// parallel scan: structured cloning keeps data but not classes, so a tree is flattened here and
// rebuilt there with the same nodes, offsets and values (what slimObject's copy keeps).

import { YMap, YPair, YScalar, YSeq, type ScalarValue, type YNode } from '../yaml/ast.js';
import { makeObject, type KubeObject } from './objects.js';

type WireNode = [0, ScalarValue, string, boolean, boolean, number, number] | [1, boolean, number, number, WireNode[]] | [2, boolean, number, number, [WireNode, WireNode][]];

export interface WireObject {
  path: string;
  documentIndex: number;
  itemIndex: number | null;
  node: WireNode;
}

export function toWire(o: KubeObject): WireObject {
  return { path: o.path, documentIndex: o.documentIndex, itemIndex: o.itemIndex, node: flatten(o.node) };
}

export function fromWire(w: WireObject): KubeObject {
  return makeObject(w.path, w.documentIndex, w.itemIndex, build(w.node) as YMap);
}

function flatten(n: YNode): WireNode {
  if (n instanceof YScalar) return [0, n.value, n.text, n.quoted, n.block, n.start, n.end];
  if (n instanceof YSeq) return [1, n.flow, n.start, n.end, n.items.map(flatten)];
  return [2, n.flow, n.start, n.end, n.pairs.map((p) => [flatten(p.key), flatten(p.value)])];
}

function build(w: WireNode): YNode {
  if (w[0] === 0) {
    const s = new YScalar(w[1], w[2], w[3], w[4]);
    s.start = w[5];
    s.end = w[6];
    return s;
  }
  if (w[0] === 1) {
    const seq = new YSeq(w[1]);
    seq.start = w[2];
    seq.end = w[3];
    for (const i of w[4]) {
      const item = build(i);
      item.inSeq = seq;
      seq.items.push(item);
    }
    return seq;
  }
  const map = new YMap(w[1]);
  map.start = w[2];
  map.end = w[3];
  for (const [k, v] of w[4]) {
    const value = build(v);
    const pair = new YPair(build(k), value, map);
    value.pair = pair;
    map.pairs.push(pair);
  }
  return map;
}
