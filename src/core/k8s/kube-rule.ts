// The contract between the engine and a Kubernetes rule: a rule gets one object at a time
// (with the index of everything scanned, for cross-object checks) and reports nodes.

import { YMap, YPair, YScalar, YSeq, type YNode } from '../yaml/ast.js';
import type { RuleMeta, Params } from '../rule.js';
import type { Container, KubeObject } from './objects.js';
import type { ClusterIndex } from './cluster-index.js';
import type { Severity, TextEdit } from '../types.js';
import type { YamlStyle } from '../fix/yaml-edit.js';
import type { GraphStep } from '../graph/object-graph.js';

export interface KubeReport {
  /** The exact node that is wrong; for a missing field, the nearest existing owner (see `ownerOf`). */
  at: YNode | YPair;
  message: string;
  container?: Container;
  /** Only the key of a pair (e.g. `spec:`), not its whole value. */
  keyOnly?: boolean;
  fix?: { description: string; edits: TextEdit[] };
  /** Which of the rule's `conditions` this finding meets, one or several (required when the rule has conditions). */
  condition?: string | string[];
  /** This finding's severity when it differs from the rule's (a severity set in .riskgate.yaml still wins). */
  severity?: Severity;
  /** The chain of objects the finding is about (graph rules), each step placed in its own file. */
  steps?: GraphStep[];
}

export interface KubeContext {
  object: KubeObject;
  index: ClusterIndex;
  params: Params;
  source: string;
  /** How the file is written, for fixes that must match it. */
  style: YamlStyle;
  report(r: KubeReport): void;
}

export interface KubeRule {
  meta: RuleMeta & { target: 'kubernetes' };
  check(ctx: KubeContext): void;
}

export function defineKubeRule(rule: KubeRule): KubeRule {
  return rule;
}

/**
 * Where to point when something is missing: a container's `- name:` entry, or the key that
 * owns a map (the pod `spec:`), never line 1.
 */
export function ownerOf(map: YMap): { at: YNode | YPair; keyOnly: boolean } {
  if (map.inSeq) {
    const anchor = map.pairOf('name') ?? map.pairs[0];
    return anchor ? { at: anchor, keyOnly: false } : { at: map, keyOnly: false };
  }
  if (map.pair) return { at: map.pair, keyOnly: true };
  const first = map.pairOf('kind') ?? map.pairs[0];
  return first ? { at: first, keyOnly: false } : { at: map, keyOnly: false };
}

export function containerOwner(c: Container): { at: YNode | YPair; keyOnly: boolean } {
  return ownerOf(c.node);
}

/** The pair `key: value` inside `map`, or the owner of `map` when the key is absent. */
export function pairOrOwner(map: YMap | undefined, key: string, fallback: YMap): { at: YNode | YPair; keyOnly: boolean } {
  const p = map?.pairOf(key);
  if (p) return { at: p, keyOnly: false };
  return map ? ownerOf(map) : ownerOf(fallback);
}

export function isTrue(node: YNode | undefined): node is YScalar {
  return node instanceof YScalar && node.value === true;
}

export function scalarStrings(node: YNode | undefined): YScalar[] {
  if (node instanceof YSeq) return node.items.filter((i) => i instanceof YScalar && i.value !== null) as YScalar[];
  return [];
}
