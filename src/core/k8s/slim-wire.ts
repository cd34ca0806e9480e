// Index copies of objects (slim-object.ts) as plain arrays, to cross between the threads of a
// parallel scan: structured cloning keeps data but not classes, so a tree is flattened here and
// rebuilt there with the same nodes, offsets and values (what slimObject's copy keeps).

import { YMap, YScalar, YSeq, type ScalarValue, type YNode } from '../yaml/ast.js';
import { makeObject, type KubeObject } from './objects.js';
import { addItem, addPair, NodePositions, placed } from './slim-object.js';

type WireNode = [0, ScalarValue, string, boolean, boolean, number, number] | [1, boolean, number, number, WireNode[]] | [2, boolean, number, number, [WireNode, WireNode][]];

export interface WireObject {
  path: string;
  documentIndex: number;
  itemIndex: number | null;
  node: WireNode;
  positions?: number[];
}

export function toWire(o: KubeObject): WireObject {
  const positions = o.positions instanceof NodePositions ? o.positions.table : undefined;
  return { path: o.path, documentIndex: o.documentIndex, itemIndex: o.itemIndex, node: flatten(o.node), ...(positions ? { positions } : {}) };
}

export function fromWire(w: WireObject): KubeObject {
  const o = makeObject(w.path, w.documentIndex, w.itemIndex, build(w.node) as YMap);
  if (w.positions) o.positions = new NodePositions(w.positions);
  return o;
}

function flatten(n: YNode): WireNode {
  if (n instanceof YScalar) return [0, n.value, n.text, n.quoted, n.block, n.start, n.end];
  if (n instanceof YSeq) return [1, n.flow, n.start, n.end, n.items.map(flatten)];
  return [2, n.flow, n.start, n.end, n.pairs.map((p) => [flatten(p.key), flatten(p.value)])];
}

function build(w: WireNode): YNode {
  if (w[0] === 0) return placed(new YScalar(w[1], w[2], w[3], w[4]), w[5], w[6]);
  if (w[0] === 1) {
    const seq = placed(new YSeq(w[1]), w[2], w[3]);
    for (const i of w[4]) addItem(seq, build(i));
    return seq;
  }
  const map = placed(new YMap(w[1]), w[2], w[3]);
  for (const [k, v] of w[4]) addPair(map, build(k), build(v));
  return map;
}
