// Checks an object of a built-in kind against the Kubernetes API's own field list and types
// (kubernetes-api.generated.ts, Kubernetes 1.34): a key the API does not know is dropped or
// refused by the API server, so a control written with a typo (`runAsNonroot`) or one level off
// (`securityContext` under a Deployment's spec) silently does nothing; a value of the wrong type
// (`allowPrivilegeEscalation: "false"`) is refused or, through tools that coerce, means something
// else than it reads.
//
// Fields are never removed from a GA (v1) API, so the 1.34 field list holds for manifests written
// for any earlier version; kinds of API versions 1.34 no longer serves (removed betas) are not
// validated here (k8s/deprecated-api reports those).

import { YMap, YPair, YScalar, YSeq, type YNode } from '../../yaml/ast.js';
import { suggest } from '../../suggest.js';
import { KUBERNETES_API } from './kubernetes-api.generated.js';

export interface KubeApiSchema {
  source: string;
  kubernetes: string;
  /** `group/version/Kind` (`v1/Pod` for the core group) → type name. */
  kinds: Record<string, string>;
  /** Type name → field → type: `string`, `int`, `number`, `boolean`, `any`, `intstr`, `date`, `[T` (list of T), `{T` (map of T), or a type name. */
  types: Record<string, Record<string, string>>;
}

export type SchemaProblem =
  | { kind: 'unknown-field'; pair: YPair; path: string[]; typeName: string; suggestion: string | null }
  | { kind: 'invalid-value'; node: YNode; pair: YPair | null; path: string[]; expected: string; got: string };

export function typeOfKind(apiVersion: string, kind: string, schema: KubeApiSchema = KUBERNETES_API): string | null {
  return schema.kinds[`${apiVersion}/${kind}`] ?? null;
}

/** Every unknown field and mistyped value in an object. */
export function validateObject(node: YMap, typeName: string, schema: KubeApiSchema = KUBERNETES_API): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  walk(node, typeName, [], null, schema, out);
  return out;
}

/**
 * `path` is one stack for the whole walk, pushed and popped on the way: a problem takes a copy. A
 * copy per node visited was most of this walk's cost (every field of every object in a scan).
 */
function walk(node: YNode, type: string, path: string[], pair: YPair | null, schema: KubeApiSchema, out: SchemaProblem[]): void {
  // An explicit null is "not set", which every field allows; a `${VAR}` placeholder is filled in
  // (envsubst, CI) before the manifest is applied.
  if (node instanceof YScalar && (node.value === null || (typeof node.value === 'string' && node.value.startsWith('${') && /^\$\{[^}]+\}$/.test(node.value)))) return;
  const bad = (expected: string): void => {
    out.push({ kind: 'invalid-value', node, pair, path: [...path], expected, got: describe(node) });
  };
  if (type.startsWith('[')) {
    if (!(node instanceof YSeq)) return bad('a list');
    const inner = type.slice(1);
    node.items.forEach((item, i) => {
      path.push(String(i));
      walk(item, inner, path, null, schema, out);
      path.pop();
    });
    return;
  }
  if (type.startsWith('{')) {
    if (!(node instanceof YMap)) return bad('a mapping');
    const inner = type.slice(1);
    for (const p of node.pairs) {
      path.push(p.keyText);
      walk(p.value, inner, path, p, schema, out);
      path.pop();
    }
    return;
  }
  switch (type) {
    case 'any':
      return;
    case 'boolean':
      if (!(node instanceof YScalar) || typeof node.value !== 'boolean') bad('true or false');
      return;
    case 'int':
      if (!(node instanceof YScalar) || typeof node.value !== 'number' || !Number.isInteger(node.value)) bad('a whole number');
      return;
    case 'number':
      if (!(node instanceof YScalar) || typeof node.value !== 'number') bad('a number');
      return;
    case 'intstr':
      if (!(node instanceof YScalar) || typeof node.value === 'boolean' || (typeof node.value === 'number' && !Number.isInteger(node.value))) bad('a whole number or a string');
      return;
    case 'string':
    case 'date':
      // A number where a string is expected is left alone: quantities (`cpu: 1`) are strings in
      // the API's types and numbers in manifests, and the API server accepts both there.
      if (!(node instanceof YScalar) || typeof node.value === 'boolean') bad('a string');
      return;
  }
  const fields = schema.types[type];
  if (!fields) return;
  if (!(node instanceof YMap)) return bad('a mapping');
  for (const p of node.pairs) {
    const key = p.keyText;
    // Strategic-merge-patch directives (`$patch: delete`, `$retainKeys`, `$setElementOrder/…`) in patch files.
    if (key.startsWith('$')) continue;
    const fieldType = fields[key];
    if (fieldType === undefined) {
      out.push({ kind: 'unknown-field', pair: p, path: [...path, key], typeName: type, suggestion: didYouMean(key, type, schema) });
      continue;
    }
    path.push(key);
    walk(p.value, fieldType, path, p, schema, out);
    path.pop();
  }
}

/**
 * A misspelt field of the same type (`runAsNonroot` → `runAsNonRoot`), else where a field of that
 * name lives in the types below (`runAsNonRoot` under a container → `securityContext.runAsNonRoot`;
 * `securityContext` under a Deployment's spec → `template.spec.securityContext`).
 */
export function didYouMean(key: string, type: string, schema: KubeApiSchema = KUBERNETES_API): string | null {
  const fields = schema.types[type] ?? {};
  const spelt = suggest(key, Object.keys(fields));
  if (spelt) return spelt;
  const queue: { type: string; path: string[] }[] = [{ type, path: [] }];
  const seen = new Set([type]);
  while (queue.length) {
    const { type: t, path } = queue.shift()!;
    if (path.length >= 3) continue;
    for (const [f, ft] of Object.entries(schema.types[t] ?? {})) {
      const inner = ft.replace(/^\[/, '');
      if (!schema.types[inner] || seen.has(inner)) continue;
      seen.add(inner);
      const next = [...path, ft.startsWith('[') ? `${f}[]` : f];
      if (schema.types[inner][key] !== undefined) return [...next, key].join('.');
      queue.push({ type: inner, path: next });
    }
  }
  return null;
}

function describe(n: YNode): string {
  if (n instanceof YMap) return 'a mapping';
  if (n instanceof YSeq) return 'a list';
  if (typeof n.value === 'string') return `the string ${JSON.stringify(n.value.length > 40 ? `${n.value.slice(0, 40)}…` : n.value)}`;
  return `${typeof n.value} ${n.text}`;
}

/** Type names without their version prefix, as people know them (`V1PodSpec` → `PodSpec`). */
export function plainTypeName(name: string): string {
  return name.replace(/^[A-Z][a-z]*?V\d+(?:alpha\d+|beta\d+)?(?=[A-Z])/, '').replace(/^V\d+(?:alpha\d+|beta\d+)?(?=[A-Z])/, '');
}

export const SCHEMA_VERSION = { kubernetes: KUBERNETES_API.kubernetes, source: KUBERNETES_API.source };

/** A path as people write it: `spec.containers[0].securityContext`. */
export function dotted(path: string[]): string {
  return path.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i ? `.${p}` : p)).join('');
}
