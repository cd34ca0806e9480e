// Shared by the differential test (test/decoders.test.ts) and its fuzzer (bench/fuzz-decoders.ts):
// reading kubectl's and kustomize's output, and comparing object sets.

import { parseYaml } from '../../src/core/yaml/parse.js';
import { toPlain, YMap, YScalar, YSeq, type YNode } from '../../src/core/yaml/ast.js';

/** The objects riskgate checks in a file, List items expanded as kubectl expands them. */
export function riskgateObjects(text: string): unknown[] {
  const out: unknown[] = [];
  for (const d of parseYaml(text).documents) {
    if (!d.root) continue;
    const o = toPlain(d.root) as Record<string, unknown> | null;
    if (o && typeof o === 'object' && typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items)) out.push(...o.items);
    else out.push(o);
  }
  return out;
}

/** kubectl prints one JSON value per object, one after the other. */
export function jsonValues(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i;
    } else if ((c === '}' || c === ']') && --depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
  }
  return out;
}

/** kubectl label --local's objects without the label it was asked to add. */
export function withoutLabel(objects: unknown[], label: string): unknown[] {
  for (const o of objects) {
    const labels = (o as { metadata?: { labels?: Record<string, string> } }).metadata?.labels;
    if (!labels) continue;
    delete labels[label];
    if (!Object.keys(labels).length) delete (o as { metadata: { labels?: unknown } }).metadata.labels;
  }
  return objects;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}

/** A set of objects in a comparable form: key order and object order do not matter. */
export const canonical = (objects: unknown[]): string[] => objects.map((o) => JSON.stringify(sortKeys(o))).sort();

// The YAML 1.1 booleans: booleans to kubectl apply (go-yaml v2), strings to kustomize (go-yaml v3).
// (Both read 010, 0o10, 0x10, +0 and 1_000 as numbers: measured with kubectl 1.30 / kustomize 5.0.)
const YAML11_BOOL = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/** Whether a document uses a plain scalar the two decoders read differently. */
export function usesYaml11Scalars(n: YNode): boolean {
  if (n instanceof YScalar) return !n.quoted && !n.block && typeof n.value === 'boolean' && YAML11_BOOL.test(n.text);
  if (n instanceof YSeq) return n.items.some(usesYaml11Scalars);
  return (n as YMap).pairs.some((p) => usesYaml11Scalars(p.key) || usesYaml11Scalars(p.value));
}
