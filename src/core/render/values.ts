// A chart's values, as positioned trees: the chart's values.yaml, its subcharts' (under their
// names), then the values files configured for it. Which file sets a value is the last one that
// has it, as in Helm's merge.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseYaml } from '../yaml/parse.js';
import { YMap, YScalar, YSeq, toPlain, type YNode } from '../yaml/ast.js';
import { LineIndex } from '../text.js';
import type { ChartRenderSettings } from './settings.js';

export interface ValuesSource {
  /** Absolute path of the values file. */
  file: string;
  text: string;
  lines: LineIndex;
  root: YMap;
  /** Where this file's values sit in the parent chart's values (a subchart's name). */
  prefix: string[];
}

/** A values path: map keys, and list positions as numbers. */
export type ValuesPath = (string | number)[];

export function loadValues(chartDir: string, s: ChartRenderSettings): ValuesSource[] {
  const out: ValuesSource[] = [];
  const add = (file: string, prefix: string[]) => {
    if (!existsSync(file)) return;
    const text = readFileSync(file, 'utf8').replace(/^\ufeff/, '');
    const lines = new LineIndex(text);
    const root = parseYaml(text, lines).documents[0]?.root;
    if (root instanceof YMap) out.push({ file, text, lines, root, prefix });
  };
  const charts = join(chartDir, 'charts');
  if (existsSync(charts)) {
    for (const e of readdirSync(charts).sort()) {
      const chartYaml = join(charts, e, 'Chart.yaml');
      if (!existsSync(chartYaml)) continue;
      const meta = parseYaml(readFileSync(chartYaml, 'utf8')).documents[0]?.root;
      const name = meta instanceof YMap ? (meta.str('name') ?? e) : e;
      add(join(charts, e, 'values.yaml'), [name]);
    }
  }
  add(join(chartDir, 'values.yaml'), []);
  for (const f of s.valuesFiles) add(resolve(chartDir, f), []);
  return out;
}

/** Every scalar leaf whose key (or, for a list item, whose list's key) is `key` and whose value equals `value`. */
export function leavesMatching(sources: ValuesSource[], key: string, value: YScalar): ValuesPath[] {
  const found = new Map<string, ValuesPath>();
  const same = (s: YScalar) => s.value === value.value || (s.value !== null && String(s.value) === value.text);
  const visit = (n: YNode, path: ValuesPath, k: string | null) => {
    if (n instanceof YScalar) {
      if (k === key && same(n)) found.set(JSON.stringify(path), path);
    } else if (n instanceof YMap) {
      for (const p of n.pairs) visit(p.value, [...path, p.keyText], p.keyText);
    } else if (n instanceof YSeq) n.items.forEach((it, i) => visit(it, [...path, i], k));
  };
  for (const s of sources) visit(s.root, [...s.prefix], null);
  return [...found.values()];
}

/** The node at a values path in one source, if that source sets it. */
export function nodeAt(source: ValuesSource, path: ValuesPath): YScalar | null {
  if (path.length < source.prefix.length || source.prefix.some((p, i) => path[i] !== p)) return null;
  let n: YNode | undefined = source.root;
  for (const step of path.slice(source.prefix.length)) {
    if (typeof step === 'number') n = n instanceof YSeq ? (n as YSeq).items[step] : undefined;
    else n = n instanceof YMap ? n.get(step) : undefined;
    if (!n) return null;
  }
  return n instanceof YScalar ? n : null;
}

/** The file that decides a value: the last source that sets it. */
export function settingSource(sources: ValuesSource[], path: ValuesPath): { source: ValuesSource; node: YScalar } | null {
  for (let i = sources.length - 1; i >= 0; i--) {
    const node = nodeAt(sources[i], path);
    if (node) return { source: sources[i], node };
  }
  return null;
}

/**
 * A values file that puts a distinct marker at each path. Lists are replaced whole by Helm, so a
 * path through a list copies the list as the merged values have it.
 */
export function probeValues(sources: ValuesSource[], probes: Map<string, ValuesPath>): string {
  const merged: Record<string, unknown> = {};
  const merge = (into: Record<string, unknown>, from: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(from)) {
      const cur = into[k];
      if (v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && !Array.isArray(cur)) merge(cur as Record<string, unknown>, v as Record<string, unknown>);
      else into[k] = structuredClone(v);
    }
  };
  for (const s of sources) {
    let plain = toPlain(s.root) as Record<string, unknown>;
    for (const p of [...s.prefix].reverse()) plain = { [p]: plain };
    merge(merged, plain);
  }
  const overlay: Record<string, unknown> = {};
  for (const [marker, path] of probes) {
    let into: Record<string, unknown> | unknown[] = overlay;
    let from: unknown = merged;
    for (let i = 0; i < path.length; i++) {
      const step = path[i];
      const last = i === path.length - 1;
      from = from && typeof from === 'object' ? (from as Record<string | number, unknown>)[step] : undefined;
      if (last) {
        (into as Record<string | number, unknown>)[step] = marker;
        break;
      }
      let next = (into as Record<string | number, unknown>)[step];
      if (next === undefined) {
        next = typeof path[i + 1] === 'number' ? structuredClone(Array.isArray(from) ? from : []) : {};
        (into as Record<string | number, unknown>)[step] = next;
      }
      into = next as Record<string, unknown>;
    }
  }
  return JSON.stringify(overlay);
}
