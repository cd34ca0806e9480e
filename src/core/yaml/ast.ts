// A positioned YAML tree. Every node knows its source offsets, so every finding can point at
// the exact key or value; rules read the tree through small typed accessors.

import type { Via } from './resolve.js';

export type YNode = YScalar | YMap | YSeq;

abstract class YBase {
  /** Offset of the first character of the node (a quote, a bracket, the first key). */
  start = 0;
  /** Offset just past the last character of the node. */
  end = 0;
  /** The mapping pair whose value this node is, when it is one. */
  pair: YPair | null = null;
  /** The sequence that holds this node, when it is an item. */
  inSeq: YSeq | null = null;
  /** Set when the node came in through an alias or a merge key (its position is the anchor's). */
  via: Via | null = null;
}

export type ScalarValue = string | number | boolean | null;

export class YScalar extends YBase {
  readonly kind = 'scalar';
  constructor(
    /** The value as Kubernetes would read it (YAML 1.1 resolution for plain scalars). */
    readonly value: ScalarValue,
    /** The decoded text of the scalar. */
    readonly text: string,
    readonly quoted: boolean,
    readonly block: boolean,
  ) {
    super();
  }
}

export class YPair {
  constructor(
    readonly key: YNode,
    public value: YNode,
    readonly map: YMap,
  ) {}

  get keyText(): string {
    return this.key instanceof YScalar ? this.key.text : '';
  }

  get start(): number {
    return this.key.start;
  }

  get end(): number {
    return Math.max(this.key.end, this.value.end);
  }
}

export class YMap extends YBase {
  readonly kind = 'map';
  readonly pairs: YPair[] = [];
  constructor(readonly flow: boolean) {
    super();
  }

  private index: Map<string, YPair> | null = null;

  pairOf(key: string): YPair | undefined {
    const pairs = this.pairs;
    if (pairs.length <= 8) {
      for (let i = 0; i < pairs.length; i++) {
        const k = pairs[i].key;
        if (k instanceof YScalar && k.text === key) return pairs[i];
      }
      return undefined;
    }
    if (!this.index) {
      this.index = new Map();
      for (const p of pairs) if (p.key instanceof YScalar && !this.index.has(p.key.text)) this.index.set(p.key.text, p);
    }
    return this.index.get(key);
  }

  get(key: string): YNode | undefined {
    return this.pairOf(key)?.value;
  }

  map(key: string): YMap | undefined {
    const v = this.get(key);
    return v instanceof YMap ? v : undefined;
  }

  seq(key: string): YSeq | undefined {
    const v = this.get(key);
    return v instanceof YSeq ? v : undefined;
  }

  scalar(key: string): YScalar | undefined {
    const v = this.get(key);
    return v instanceof YScalar ? v : undefined;
  }

  /** A string value; numbers and booleans are given as their text, null and non-scalars as undefined. */
  str(key: string): string | undefined {
    const v = this.scalar(key);
    if (!v || v.value === null) return undefined;
    return typeof v.value === 'string' ? v.value : v.text;
  }

  bool(key: string): boolean | undefined {
    const v = this.scalar(key)?.value;
    return typeof v === 'boolean' ? v : undefined;
  }

  num(key: string): number | undefined {
    const v = this.scalar(key)?.value;
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
    return undefined;
  }

  /** The map items of a sequence under `key` (non-map items are ignored). */
  maps(key: string): YMap[] {
    const s = this.seq(key);
    return s ? (s.items.filter((i) => i instanceof YMap) as YMap[]) : [];
  }

  /** Follows a dotted path of map keys. */
  at(...keys: string[]): YNode | undefined {
    let node: YNode | undefined = this;
    for (const k of keys) {
      if (!(node instanceof YMap)) return undefined;
      node = node.get(k);
    }
    return node;
  }
}

export class YSeq extends YBase {
  readonly kind = 'seq';
  readonly items: YNode[] = [];
  constructor(readonly flow: boolean) {
    super();
  }

  strings(): string[] {
    const out: string[] = [];
    for (const i of this.items) if (i instanceof YScalar && i.value !== null) out.push(String(i.value));
    return out;
  }
}

/** Converts to plain JavaScript, bounded so that aliases cannot expand without limit. */
export function toPlain(node: YNode, budget = { left: 200_000 }): unknown {
  if (--budget.left < 0) throw new Error('document expands to too many nodes (YAML alias bomb?)');
  if (node instanceof YScalar) return node.value;
  if (node instanceof YSeq) return node.items.map((i) => toPlain(i, budget));
  const out: Record<string, unknown> = {};
  for (const p of node.pairs) out[p.keyText] = toPlain(p.value, budget);
  return out;
}
