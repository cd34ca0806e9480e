// Paths into a positioned YAML tree: where a finding's node sits in its object (keys, and list
// items by `name` where Kubernetes merges lists by name), and the same place in another tree
// (a chart's values, a Kustomize base or patch).

import { YMap, YPair, YScalar, YSeq, type YNode } from '../yaml/ast.js';

export type PathStep = { key: string } | { index: number; name: string | null };
export type YElement = YNode | YPair;

/** The node or pair that spans exactly [start, end), the deepest such. */
export function elementAt(root: YNode, start: number, end: number): YElement | null {
  let found: YElement | null = null;
  const visit = (n: YNode): void => {
    if (n.start > start || n.end < end) return;
    if (n.start === start && n.end === end) found = n;
    if (n instanceof YMap) {
      for (const p of n.pairs) {
        if (p.start === start && p.end === end) found = p;
        if (p.key.start === start && p.key.end === end) found = p;
        visit(p.value);
      }
    } else if (n instanceof YSeq) for (const i of n.items) visit(i);
  };
  visit(root);
  return found;
}

/** The steps from the document root to a node or pair. */
export function pathOf(el: YElement): PathStep[] {
  const steps: PathStep[] = [];
  let node: YNode | null = el instanceof YPair ? null : el;
  if (el instanceof YPair) {
    steps.unshift({ key: el.keyText });
    node = el.map;
  }
  while (node) {
    if (node.pair) {
      steps.unshift({ key: node.pair.keyText });
      node = node.pair.map;
    } else if (node.inSeq) {
      const seq: YSeq = node.inSeq;
      const name = node instanceof YMap ? (node.str('name') ?? null) : null;
      steps.unshift({ index: seq.items.indexOf(node), name });
      node = seq;
    } else node = null;
  }
  return steps;
}

/** Follows steps; list items are found by name when the step has one, else by position. */
export function follow(root: YNode, steps: PathStep[]): YElement | null {
  let node: YNode = root;
  let pair: YPair | null = null;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if ('key' in s) {
      if (!(node instanceof YMap)) return null;
      const p = node.pairOf(s.key);
      if (!p) return null;
      pair = p;
      node = p.value;
    } else {
      if (!(node instanceof YSeq)) return null;
      const item: YNode | undefined = s.name !== null ? node.items.find((it) => it instanceof YMap && it.str('name') === s.name) : node.items[s.index];
      if (!item) return null;
      pair = null;
      node = item;
    }
  }
  return pair && pair.value === node ? pair : node;
}

/** The deepest place along the steps that exists, and how many steps it took. */
export function deepestExisting(root: YNode, steps: PathStep[]): { at: YElement; depth: number } {
  for (let d = steps.length; d > 0; d--) {
    const at = follow(root, steps.slice(0, d));
    if (at) return { at, depth: d };
  }
  return { at: root, depth: 0 };
}

/** The value a node or pair holds. */
export function valueOf(el: YElement): YNode {
  return el instanceof YPair ? el.value : el;
}

/** Same scalar value (as Kubernetes reads both), or both collections. */
export function sameValue(a: YElement, b: YElement): boolean {
  const x = valueOf(a);
  const y = valueOf(b);
  if (x instanceof YScalar && y instanceof YScalar) return x.value === y.value || x.text === y.text;
  return x.kind === y.kind;
}

/** A JSON pointer (RFC 6901) with list positions, as JSON 6902 patches address nodes. */
export function pointerOf(steps: PathStep[]): string {
  return steps.map((s) => '/' + ('key' in s ? s.key.replace(/~/g, '~0').replace(/\//g, '~1') : String(s.index))).join('');
}

export function describePath(steps: PathStep[]): string {
  return steps.map((s) => ('key' in s ? s.key : s.name !== null ? `[name=${s.name}]` : `[${s.index}]`)).join('.').replace(/\.\[/g, '[');
}
