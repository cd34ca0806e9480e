// Text edits on YAML and JSON manifests that keep everything else as it was: comments,
// indentation (2 or 4 spaces, indented or flush sequences), quoting, key order, flow or block
// style, CRLF line endings, the other documents of the file, and JSON staying JSON.

import { YMap, YPair, YScalar, YSeq, type YNode } from '../yaml/ast.js';
import type { TextEdit } from '../types.js';

export interface YamlStyle {
  text: string;
  json: boolean;
  eol: string;
  indentStep: number;
}

export function styleOf(text: string, path: string): YamlStyle {
  let step: number | null = null;
  return {
    text,
    json: /\.json$/i.test(path),
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    // Measured only when a fix creates a nested block: most files never need it.
    get indentStep() {
      return (step ??= detectIndentStep(text));
    },
  };
}

/** The most common indentation step between a line and the more-indented line after it. */
function detectIndentStep(text: string): number {
  const counts = new Map<number, number>();
  let prev = -1;
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const ind = line.length - line.trimStart().length;
    if (prev >= 0 && ind > prev) counts.set(ind - prev, (counts.get(ind - prev) ?? 0) + 1);
    prev = ind;
  }
  let best = 2;
  let bestCount = 0;
  for (const [step, n] of counts) if ((step === 2 || step === 4) && n > bestCount) [best, bestCount] = [step, n];
  return best;
}

/** A value to write: a scalar, a list of scalars, or a map of those. */
export type Value = string | boolean | number | Value[] | { [key: string]: Value };

function scalarText(v: string | boolean | number, s: YamlStyle): string {
  if (typeof v !== 'string') return String(v);
  return s.json ? JSON.stringify(v) : /^[A-Za-z_][\w./-]*$/.test(v) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(v) ? v : JSON.stringify(v);
}

function keyText(k: string, s: YamlStyle): string {
  return s.json ? JSON.stringify(k) : k;
}

/** A value in flow style: `false`, `[ALL]`, `{type: RuntimeDefault}` (JSON-quoted in JSON files). */
export function flowText(v: Value, s: YamlStyle): string {
  if (Array.isArray(v)) return `[${v.map((x) => flowText(x, s)).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${keyText(k, s)}: ${flowText(x, s)}`).join(', ')}}`;
  return scalarText(v, s);
}

/** A `key: value` entry written at `indent` in block style (nested maps as blocks, lists in flow). */
function blockPair(key: string, v: Value, indent: number, s: YamlStyle): string {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const inner = Object.entries(v).map(([k, x]) => `${s.eol}${' '.repeat(indent + s.indentStep)}${blockPair(k, x, indent + s.indentStep, s)}`);
    return `${key}:${inner.join('')}`;
  }
  return `${key}: ${flowText(v, s)}`;
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** Replaces a scalar's text (quotes included) with a new value, keeping its quoting style for strings. */
export function replaceScalar(node: YScalar, v: string | boolean | number, s: YamlStyle): TextEdit {
  let text = scalarText(v, s);
  if (typeof v === 'string' && node.quoted && !s.json) text = s.text[node.start] === "'" ? `'${v.replace(/'/g, "''")}'` : JSON.stringify(v);
  return { start: node.start, end: node.end, text };
}

/** Sets `key` in `map`: replaces an existing value, or adds the entry in the map's own style. */
export function setKey(map: YMap, key: string, v: Value, s: YamlStyle): TextEdit {
  const existing = map.pairOf(key);
  if (existing) {
    const val = existing.value;
    if (val instanceof YScalar && (typeof v !== 'object' || v === null)) return replaceScalar(val, v as string | boolean | number, s);
    return { start: val.start, end: val.end, text: flowText(v, s) };
  }
  return insertPair(map, key, v, s);
}

function insertPair(map: YMap, key: string, v: Value, s: YamlStyle): TextEdit {
  const text = s.text;
  const k = keyText(key, s);
  // Only the entries written in this mapping: keys merged in with `<<` sit at the anchor's text.
  const pairs = map.pairs.filter((p) => p.key.start >= map.start && p.key.start < map.end);
  if (map.flow) {
    const close = map.end - 1; // the closing brace
    const last = pairs[pairs.length - 1];
    if (!last) return { start: close, end: close, text: `${k}: ${flowText(v, s)}` };
    const multiline = text.slice(map.start, map.end).includes('\n');
    if (multiline) {
      const indent = columnOf(text, last.start);
      return { start: last.end, end: last.end, text: `,${s.eol}${' '.repeat(indent)}${k}: ${flowText(v, s)}` };
    }
    return { start: last.end, end: last.end, text: `, ${k}: ${flowText(v, s)}` };
  }
  const first = pairs[0];
  // A block mapping starts at its first key, so its column is the indentation even when every
  // key it has now came in through a merge.
  const indent = first ? columnOf(text, first.start) : columnOf(text, map.start);
  const last = pairs[pairs.length - 1];
  const at = lineEnd(text, last ? last.end : map.end);
  return { start: at, end: at, text: `${s.eol}${' '.repeat(indent)}${blockPair(k, v, indent, s)}` };
}

/**
 * Sets `path` (keys) under `map`, creating the missing maps on the way as one insertion:
 * `ensurePath(container, ['securityContext', 'capabilities', 'drop'], ['ALL'])`.
 */
export function ensurePath(map: YMap, path: string[], v: Value, s: YamlStyle): TextEdit {
  let cur = map;
  for (let i = 0; i < path.length - 1; i++) {
    const next = cur.get(path[i]);
    if (next instanceof YMap) {
      cur = next;
      continue;
    }
    // Build the rest as a nested value and insert (or replace a null/empty value) here.
    let nested: Value = v;
    for (let j = path.length - 1; j > i; j--) nested = { [path[j]]: nested };
    const pair = cur.pairOf(path[i]);
    if (pair && pair.value instanceof YScalar && pair.value.value === null && !s.json) {
      // `securityContext:` with nothing after it: write the whole entry anew.
      return { start: pair.start, end: Math.max(pair.key.end + 1, pair.value.end), text: blockPair(keyText(path[i], s), nested, columnOf(s.text, pair.start), s) };
    }
    return setKey(cur, path[i], nested, s);
  }
  return setKey(cur, path[path.length - 1], v, s);
}

/** Removes an entry: the whole line(s) in block style, the entry and one comma in flow style. */
export function removePair(pair: YPair, s: YamlStyle): TextEdit {
  const text = s.text;
  const map = pair.map;
  if (map.flow) return removeFlowEntry(map.pairs.indexOf(pair), map.pairs.map((p) => ({ start: p.start, end: p.end })), s);
  const start = lineStartOf(text, pair.start);
  let end = lineEnd(text, pair.end);
  end = text[end] === '\r' ? end + 2 : text[end] === '\n' ? end + 1 : end;
  // A block map that would be left empty keeps valid YAML only if its key gets a value.
  if (map.pairs.length === 1 && map.pair) return { start: map.pair.key.end, end: pair.end, text: ': {}' };
  if (text.slice(start, pair.start).trim() !== '') return { start: pair.start, end: lineEnd(text, pair.end), text: '' };
  return { start, end, text: '' };
}

export function removeSeqItem(seq: YSeq, item: YNode, s: YamlStyle): TextEdit {
  const text = s.text;
  const index = seq.items.indexOf(item);
  if (seq.flow) return removeFlowEntry(index, seq.items.map((i) => ({ start: i.start, end: i.end })), s);
  if (seq.items.length === 1 && seq.pair) return { start: seq.pair.key.end, end: seq.end, text: ': []' };
  const start = lineStartOf(text, item.start);
  let end = lineEnd(text, item.end);
  end = text[end] === '\r' ? end + 2 : text[end] === '\n' ? end + 1 : end;
  return { start, end, text: '' };
}

function removeFlowEntry(index: number, entries: { start: number; end: number }[], _s: YamlStyle): TextEdit {
  const e = entries[index];
  if (entries.length === 1) return { start: e.start, end: e.end, text: '' };
  if (index < entries.length - 1) return { start: e.start, end: entries[index + 1].start, text: '' };
  // The last entry: remove from the end of the previous one (its comma) to the end of this one.
  return { start: entries[index - 1].end, end: e.end, text: '' };
}

export function appendSeqItem(seq: YSeq, v: string, s: YamlStyle): TextEdit {
  const text = s.text;
  const last = seq.items[seq.items.length - 1];
  if (seq.flow) {
    if (!last) return { start: seq.end - 1, end: seq.end - 1, text: scalarText(v, s) };
    return { start: last.end, end: last.end, text: `, ${scalarText(v, s)}` };
  }
  const dashCol = columnOf(text, text.lastIndexOf('-', last.start));
  const at = lineEnd(text, last.end);
  return { start: at, end: at, text: `${s.eol}${' '.repeat(dashCol)}- ${scalarText(v, s)}` };
}

/** A YAML path for a node ("spec.template.spec.containers[0].securityContext"), for verification. */
export function pathOf(node: YNode | YMap): string {
  const parts: string[] = [];
  let cur: YNode | null = node;
  while (cur) {
    if (cur.pair) {
      parts.unshift(cur.pair.keyText);
      cur = cur.pair.map;
    } else if (cur.inSeq) {
      parts.unshift(`[${cur.inSeq.items.indexOf(cur)}]`);
      cur = cur.inSeq;
    } else break;
  }
  return parts.join('.').replace(/\.\[/g, '[');
}
