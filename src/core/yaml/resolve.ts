// The resolution step between the positioned parse and the rules: what a manifest means to the
// decoder behind `kubectl apply` (sigs.k8s.io/yaml over go-yaml v2), with every position kept.
//
// - Aliases: each use of an anchor becomes its own copy of the anchored nodes, so walking up from
//   a value reaches the object that uses it; the copies keep the positions of the anchor's
//   definition (the line that wrote the value) and record the alias that brought them in (`via`).
// - Merge keys (`<<: *a`, `<<: {…}`, `<<: [*a, *b]`), as go-yaml v2 applies them: a merge sets
//   every key of its sources, overriding keys written before the `<<` in the same mapping; keys
//   written after it override the merge; among the sources of one merge the earlier wins.
//   kustomize (kyaml over go-yaml v3) lets explicit keys win wherever they are written: where the
//   two disagree the mapping records an ambiguity (the k8s/duplicate-key rule reports it).
// - Duplicate keys: the last value wins (kubectl apply); kustomize refuses the file. Recorded.
// - A quoted "<<" key is a plain key to go-yaml v2 and a merge key to go-yaml v3. Recorded.
//
// Resolution copies at most the nodes the alias-bomb guard in parse.ts already allowed.

import { YMap, YPair, YScalar, YSeq, type YNode } from './ast.js';

/** A key set twice in one mapping, or set explicitly and overridden by a merge written after it. */
export interface Ambiguity {
  kind: 'duplicate' | 'merge-order' | 'quoted-merge';
  key: string;
  /** The key that loses under kubectl apply (the earlier duplicate, or the explicit key). */
  lost: YPair;
  /** The key whose value counts: the later duplicate, or the merged-in key. */
  won: YPair;
  /** For merge-order: the `<<` key whose merge overrode the explicit key. */
  mergeKey: YNode | null;
}

/** Slots of the raw tree that hold an alias (`*a`), with the alias's offset. */
export interface AliasSlots {
  pairs: Map<YPair, number>;
  items: Map<YSeq, Map<number, number>>;
}

export interface Resolution {
  root: YNode;
  /** Source ranges an edit must not touch: anchored nodes that are aliased or merged (their text
   * is more than one value), `<<` entries, and both entries of a duplicate or merge-order conflict
   * (removing one flips the value to the other). */
  shared: { start: number; end: number }[];
  ambiguities: Ambiguity[];
}

const isMergeKey = (k: YNode) => k instanceof YScalar && !k.quoted && k.text === '<<';

export function resolveDocument(root: YNode, aliases: AliasSlots): Resolution {
  const shared: { start: number; end: number }[] = [];
  const ambiguities: Ambiguity[] = [];
  const aliased = new Set<YNode>();
  for (const [pair] of aliases.pairs) aliased.add(pair.value);
  for (const [seq, slots] of aliases.items) for (const i of slots.keys()) aliased.add(seq.items[i]);
  for (const n of aliased) shared.push({ start: n.start, end: n.end });
  const seenAmbiguity = new Set<string>();
  const record = (a: Ambiguity) => {
    // A mapping copied through several aliases would report the same conflict once per copy.
    const k = `${a.kind}:${a.lost.key.start}:${a.won.key.start}`;
    if (seenAmbiguity.has(k)) return;
    seenAmbiguity.add(k);
    ambiguities.push(a);
  };

  const resolve = (n: YNode, via: Via | null): YNode => {
    if (n instanceof YScalar) {
      const c = new YScalar(n.value, n.text, n.quoted, n.block);
      c.start = n.start;
      c.end = n.end;
      c.via = via;
      return c;
    }
    if (n instanceof YSeq) {
      const c = new YSeq(n.flow);
      c.start = n.start;
      c.end = n.end;
      c.via = via;
      const slots = aliases.items.get(n);
      n.items.forEach((item, i) => {
        const at = slots?.get(i);
        const r = resolve(item, at !== undefined ? { offset: at, kind: 'alias' } : via);
        r.inSeq = c;
        r.pair = null;
        c.items.push(r);
      });
      return c;
    }
    const c = new YMap(n.flow);
    c.start = n.start;
    c.end = n.end;
    c.via = via;
    const effective = new Map<string, { pair: YPair; explicit: boolean }>();
    const put = (key: YNode, value: YNode): YPair => {
      const p = new YPair(key, value, c);
      value.pair = p;
      value.inSeq = null;
      return p;
    };
    n.pairs.forEach((raw, i) => {
      if (isMergeKey(raw.key)) {
        const mergeVia: Via = { offset: raw.key.start, kind: 'merge' };
        const sources = raw.value instanceof YSeq ? raw.value.items : [raw.value];
        // Earlier sources win: apply them last.
        for (let s = sources.length - 1; s >= 0; s--) {
          const source = resolve(sources[s], mergeVia);
          if (!(source instanceof YMap)) continue; // go-yaml refuses such a merge; nothing to add
          for (const sp of source.pairs) {
            const key = keyOf(sp.key, -1);
            const prev = effective.get(key);
            if (prev?.explicit) {
              record({ kind: 'merge-order', key, lost: prev.pair, won: sp, mergeKey: raw.key });
              shared.push({ start: prev.pair.start, end: prev.pair.end });
            }
            effective.set(key, { pair: put(sp.key, sp.value), explicit: false });
          }
        }
        // Removing or changing the `<<` line changes every merged key.
        shared.push({ start: raw.start, end: raw.end });
        return;
      }
      if (raw.key instanceof YScalar && raw.key.quoted && raw.key.text === '<<') {
        // kustomize (go-yaml v3) merges a quoted "<<" too; kubectl apply keeps it as a plain key.
        record({ kind: 'quoted-merge', key: '<<', lost: raw, won: raw, mergeKey: raw.key });
        shared.push({ start: raw.start, end: raw.end });
      }
      const key = keyOf(raw.key, i);
      const slot = aliases.pairs.get(raw);
      const value = resolve(raw.value, slot !== undefined ? { offset: slot, kind: 'alias' } : via);
      const keyNode = resolve(raw.key, via);
      const prev = effective.get(key);
      const pair = put(keyNode, value);
      if (prev?.explicit) {
        record({ kind: 'duplicate', key, lost: prev.pair, won: pair, mergeKey: null });
        // Removing either line flips the value to the other: neither is a fix.
        shared.push({ start: prev.pair.start, end: prev.pair.end }, { start: pair.start, end: pair.end });
      }
      effective.delete(key); // the later key's position in the order, like a re-assignment
      effective.set(key, { pair, explicit: true });
    });
    for (const { pair } of effective.values()) c.pairs.push(pair);
    return c;
  };

  return { root: resolve(root, null), shared, ambiguities };
}

export interface Via {
  /** Offset of the alias (`*a`) or the merge key (`<<`) that brought the value in. */
  offset: number;
  kind: 'alias' | 'merge';
}

/** A mapping key as a string: scalars by their text, other keys (rare) by their position. */
function keyOf(k: YNode, index: number): string {
  return k instanceof YScalar ? k.text : `\0complex:${index}:${k.start}`;
}

