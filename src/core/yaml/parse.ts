// Builds positioned YAML trees from js-yaml's event stream (parseEvents keeps exact source
// offsets). A file is parsed once; a broken document does not hide the good ones around it.

import { parseEvents, getScalarValue, EVENT_ID, SCALAR_STYLE, COLLECTION_STYLE, type Event, type ScalarEvent } from './js-yaml.js';
import { YMap, YPair, YScalar, YSeq, type YNode, type ScalarValue } from './ast.js';
import { LineIndex } from '../text.js';
import { resolveDocument, type AliasSlots, type Resolution } from './resolve.js';

export interface YamlDocument {
  /** 0-based position of the document in its file. */
  index: number;
  /** null for an empty document. */
  root: YNode | null;
  /** Offset where the document's text starts. */
  start: number;
  /** What resolving aliases, merge keys and duplicate keys found (null when there were none). */
  resolution: Omit<Resolution, 'root'> | null;
}

export interface YamlDocumentError {
  index: number;
  line: number;
  column: number;
  message: string;
}

export interface ParsedYaml {
  documents: YamlDocument[];
  errors: YamlDocumentError[];
}

/** Expanded size past which a document is refused: aliases can make a few lines mean billions of nodes. */
const MAX_EXPANDED_NODES = 1_000_000;
/** Nesting that no Kubernetes object needs; deeper input is refused before it can exhaust the stack. */
const MAX_DEPTH = 64;

export function parseYaml(text: string, lines: LineIndex = new LineIndex(text)): ParsedYaml {
  try {
    const events = parseEvents(text, { maxDepth: MAX_DEPTH });
    return buildDocuments(text, events, 0, 0, lines);
  } catch (err) {
    // One bad document makes the whole stream fail: parse the documents one by one so the good
    // ones are still scanned and the error names the document and line that broke.
    return parseDocumentByDocument(text, lines);
  }
}

function parseDocumentByDocument(text: string, lines: LineIndex): ParsedYaml {
  const out: ParsedYaml = { documents: [], errors: [] };
  for (const chunk of splitDocuments(text)) {
    const index = out.documents.length + out.errors.length;
    const source = text.slice(chunk.start, chunk.end);
    try {
      const events = parseEvents(source, { maxDepth: MAX_DEPTH });
      const built = buildDocuments(source, events, chunk.start, index, lines);
      out.documents.push(...built.documents);
      out.errors.push(...built.errors);
    } catch (err) {
      out.errors.push(describeError(err, chunk.start, index, lines));
    }
  }
  return out;
}

/** Splits on document markers at column 0 (`---`, `...`), which YAML forbids inside any scalar. */
function splitDocuments(text: string): { start: number; end: number }[] {
  const chunks: { start: number; end: number }[] = [];
  const marker = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = marker.exec(text))) {
    if (m[0] === '...') {
      chunks.push({ start, end: m.index });
      start = m.index + 3;
    } else if (text.slice(start, m.index).trim() !== '' && !/^\s*(%.*\s*)*$/.test(text.slice(start, m.index))) {
      chunks.push({ start, end: m.index });
      start = m.index;
    }
  }
  chunks.push({ start, end: text.length });
  return chunks.filter((c) => !isBlankOrComments(text.slice(c.start, c.end)) || chunks.length === 1);
}

function isBlankOrComments(s: string): boolean {
  return s.split('\n').every((l) => /^\s*(#.*)?$/.test(l));
}

function describeError(err: unknown, base: number, index: number, lines: LineIndex): YamlDocumentError {
  const e = err as { reason?: string; message?: string; mark?: { position?: number } };
  const pos = lines.position(base + (e.mark?.position ?? 0));
  const message = e.reason ?? String(e.message ?? err).split('\n')[0];
  return { index, line: pos.line, column: pos.column, message };
}

function buildDocuments(source: string, events: Event[], base: number, firstIndex: number, lines: LineIndex): ParsedYaml {
  const out: ParsedYaml = { documents: [], errors: [] };
  const anchors = new Map<string, YNode>();
  const stack: (YMap | YSeq)[] = [];
  const pendingKey: (YNode | null)[] = [];
  let root: YNode | null = null;
  let docStart = base;
  let lastEnd = base;
  let index = firstIndex;

  const attach = (node: YNode): void => {
    const parent = stack[stack.length - 1];
    if (!parent) {
      root = node;
      return;
    }
    if (parent instanceof YSeq) {
      if (node.inSeq === null && node.pair === null) node.inSeq = parent;
      parent.items.push(node);
      return;
    }
    const key = pendingKey[pendingKey.length - 1];
    if (key === null) {
      pendingKey[pendingKey.length - 1] = node;
      return;
    }
    noteKey(parent, key);
    const pair = new YPair(key, node, parent);
    if (node.inSeq === null && node.pair === null) node.pair = pair;
    parent.pairs.push(pair);
    pendingKey[pendingKey.length - 1] = null;
  };

  // Whether the document needs the resolution step (aliases, merge keys, duplicate keys), learnt
  // while it is built so that the common document costs no second walk.
  let needsResolution = false;
  const bigMapKeys = new Map<YMap, Set<string>>();
  const noteKey = (map: YMap, key: YNode): void => {
    if (needsResolution || !(key instanceof YScalar)) return;
    if (key.text === '<<') {
      needsResolution = true; // a merge key, or a quoted one the decoders disagree on
      return;
    }
    const pairs = map.pairs;
    if (pairs.length < 8) {
      for (const p of pairs) if (p.key instanceof YScalar && p.key.text === key.text) needsResolution = true;
      return;
    }
    let keys = bigMapKeys.get(map);
    if (!keys) bigMapKeys.set(map, (keys = new Set(pairs.map((p) => p.keyText))));
    if (keys.has(key.text)) needsResolution = true;
    else keys.add(key.text);
  };

  let aliases: AliasSlots = { pairs: new Map(), items: new Map() };
  /** Whether the current document uses an alias: without one, no node is shared and its size is its node count. */
  let aliasUsed = false;
  /** Records where an alias sits in its parent, so that resolution can tell each use apart. */
  const noteAlias = (offset: number): void => {
    needsResolution = true;
    const parent = stack[stack.length - 1];
    if (parent instanceof YSeq) {
      const slots = aliases.items.get(parent) ?? new Map<number, number>();
      slots.set(parent.items.length - 1, offset);
      aliases.items.set(parent, slots);
    } else if (parent instanceof YMap && pendingKey[pendingKey.length - 1] === null && parent.pairs.length) {
      aliases.pairs.set(parent.pairs[parent.pairs.length - 1], offset);
    }
  };

  const anchorName = (e: { anchorStart: number; anchorEnd: number }): string | null =>
    e.anchorStart >= 0 ? source.slice(e.anchorStart, e.anchorEnd) : null;

  for (const e of events) {
    switch (e.type) {
      case EVENT_ID.DOCUMENT:
        anchors.clear();
        aliases = { pairs: new Map(), items: new Map() };
        needsResolution = false;
        aliasUsed = false;
        bigMapKeys.clear();
        root = null;
        docStart = lastEnd;
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const flow = e.style === COLLECTION_STYLE.FLOW;
        const node = e.type === EVENT_ID.MAPPING ? new YMap(flow) : new YSeq(flow);
        node.start = base + e.start;
        node.end = node.start;
        const name = anchorName(e);
        if (name) anchors.set(name, node);
        attach(node);
        stack.push(node);
        pendingKey.push(null);
        break;
      }
      case EVENT_ID.SCALAR: {
        const node = makeScalar(source, e, base, lastEnd);
        lastEnd = node.end;
        const name = anchorName(e);
        if (name) anchors.set(name, node);
        attach(node);
        break;
      }
      case EVENT_ID.ALIAS: {
        // The event's offsets start at the `*` or at the name, depending on the alias's context.
        const raw = source.slice(e.anchorStart, e.anchorEnd);
        const name = raw.startsWith('*') ? raw.slice(1) : raw;
        const target = anchors.get(name);
        if (!target) throw Object.assign(new Error(`unknown alias *${name}`), { mark: { position: e.anchorStart } });
        // An alias inside the node it names would make an endless value; Kubernetes' YAML reader refuses it too.
        if (stack.includes(target as YMap | YSeq)) throw Object.assign(new Error(`alias *${name} is inside the node &${name} it refers to (an endless value)`), { mark: { position: e.anchorStart } });
        lastEnd = base + e.anchorEnd;
        aliasUsed = true;
        attach(target);
        noteAlias(base + (source[e.anchorStart] === '*' ? e.anchorStart : e.anchorStart - 1));
        break;
      }
      case EVENT_ID.POP: {
        const closed = stack.pop();
        pendingKey.pop();
        if (closed) {
          closed.end = closingOffset(source, closed, base, lastEnd);
          lastEnd = closed.end;
        } else {
          // The document itself ends.
          // A document with no content (`---` then comments) is empty, not a null scalar.
          const content = root as YNode | null;
          if (content instanceof YScalar && content.value === null && content.text === '' && !content.quoted) root = null;
          const doc: YamlDocument = { index, root, start: docStart, resolution: null };
          const size = root ? (aliasUsed ? expandedSize(root, new Map()) : treeSize(root)) : 0;
          if (size <= MAX_EXPANDED_NODES && root && needsResolution) {
            const r = resolveDocument(root, aliases);
            doc.root = r.root;
            doc.resolution = { shared: r.shared, ambiguities: r.ambiguities };
          }
          if (size > MAX_EXPANDED_NODES) {
            const pos = lines.position(docStart);
            out.errors.push({
              index,
              line: pos.line,
              column: pos.column,
              message: `aliases expand this document to over ${MAX_EXPANDED_NODES.toLocaleString('en')} nodes (a "billion laughs" YAML bomb?); not scanned`,
            });
          } else {
            out.documents.push(doc);
          }
          index++;
        }
        break;
      }
    }
  }
  return out;
}

function makeScalar(source: string, e: ScalarEvent, base: number, lastEnd: number): YScalar {
  const present = e.valueStart >= 0;
  const text = present ? getScalarValue(source, e) : '';
  const quoted = e.style === SCALAR_STYLE.SINGLE_QUOTED || e.style === SCALAR_STYLE.DOUBLE_QUOTED;
  const block = e.style === SCALAR_STYLE.LITERAL_BLOCK || e.style === SCALAR_STYLE.FOLDED_BLOCK;
  const tag = normalTag(e.tagStart >= 0 ? source.slice(e.tagStart, e.tagEnd) : '');
  const value: ScalarValue = !present && !tag ? null : tag ? resolveTagged(tag, text, quoted || block) : quoted || block ? text : resolvePlain(text);
  const node = new YScalar(value, text, quoted, block);
  if (present) {
    node.start = base + (quoted ? e.valueStart - 1 : e.valueStart);
    node.end = base + (quoted ? e.valueEnd + 1 : e.valueEnd);
    if (block) node.end = base + trimEndOffset(source, e.valueEnd);
  } else {
    node.start = node.end = lastEnd;
  }
  return node;
}

function trimEndOffset(source: string, end: number): number {
  let i = end;
  while (i > 0 && /\s/.test(source[i - 1])) i--;
  return i;
}

/** For flow collections the closing bracket ends the node; for block ones, the last child. */
function closingOffset(source: string, node: YMap | YSeq, base: number, lastEnd: number): number {
  if (!node.flow) return Math.max(node.start, lastEnd);
  const close = node instanceof YMap ? '}' : ']';
  let i = lastEnd - base;
  if (i < node.start - base + 1) i = node.start - base + 1;
  for (; i < source.length; i++) {
    const c = source[i];
    if (c === close) return base + i + 1;
    if (c === '#') while (i < source.length && source[i] !== '\n') i++;
  }
  return lastEnd;
}

/** The node count of a tree without shared nodes, stopping past the limit (what expandedSize gives for it). */
function treeSize(root: YNode): number {
  let size = 0;
  const stack: YNode[] = [root];
  while (stack.length && size <= MAX_EXPANDED_NODES) {
    const node = stack.pop()!;
    size++;
    if (node instanceof YMap) for (const p of node.pairs) stack.push(p.key, p.value);
    else if (node instanceof YSeq) for (const i of node.items) stack.push(i);
  }
  return Math.min(size, MAX_EXPANDED_NODES + 1);
}

function expandedSize(node: YNode, memo: Map<YNode, number>): number {
  const known = memo.get(node);
  if (known !== undefined) return known;
  memo.set(node, 1); // guards against cycles while computing
  let size = 1;
  if (node instanceof YMap) for (const p of node.pairs) size += expandedSize(p.key, memo) + expandedSize(p.value, memo);
  else if (node instanceof YSeq) for (const i of node.items) size += expandedSize(i, memo);
  size = Math.min(size, MAX_EXPANDED_NODES + 1);
  memo.set(node, size);
  return size;
}

/** `!<tag:yaml.org,2002:bool>` and `!!bool` are one tag. */
function normalTag(tag: string): string {
  const m = /^!<tag:yaml\.org,2002:(\w+)>$/.exec(tag);
  return m ? `!!${m[1]}` : tag;
}

/**
 * A scalar with an explicit tag, as go-yaml v2 (behind kubectl apply) reads it: the core tags
 * decide the type whatever the quoting, so `hostNetwork: !!bool "true"` is the boolean true, and
 * `!!int "0"` the number 0. A value the tag cannot hold (`!!int "abc"`) stays the text (go-yaml
 * refuses the file; kustomize too). `!!bool "yes"` is true to go-yaml v2 and refused by kustomize.
 */
function resolveTagged(tag: string, text: string, quotedOrBlock: boolean): ScalarValue {
  const implicit = resolvePlain(text);
  switch (tag) {
    case '!!str':
    case '!':
    case '!!binary':
    case '!!timestamp':
      return text;
    case '!!bool':
      return typeof implicit === 'boolean' ? implicit : text;
    case '!!int':
      return typeof implicit === 'number' && Number.isInteger(implicit) ? implicit : text;
    case '!!float':
      return typeof implicit === 'number' ? implicit : text;
    case '!!null':
      return null;
    default:
      // Application tags (`!custom`) do not change how go-yaml decodes the value.
      return quotedOrBlock ? text : implicit;
  }
}

// Kubernetes reads YAML with YAML 1.1 rules (sigs.k8s.io/yaml over go-yaml v2): `yes`, `on`
// and `y` are true, `0755` is octal. riskgate resolves plain scalars the same way, so
// `privileged: yes` is as privileged to riskgate as it is to the API server.
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSES = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);

export function resolvePlain(text: string): ScalarValue {
  if (NULLS.has(text)) return null;
  if (TRUES.has(text)) return true;
  if (FALSES.has(text)) return false;
  const c = text.charCodeAt(0);
  const numeric = (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46;
  if (!numeric) return text;
  const t = text.replace(/_/g, '');
  if (/^[-+]?(0|[1-9][0-9]*)$/.test(t)) return Number(t);
  if (/^[-+]?0[0-7]+$/.test(t)) return (t.startsWith('-') ? -1 : 1) * parseInt(t.replace(/^[-+]/, ''), 8);
  // go-yaml v2 as vendored by sigs.k8s.io/yaml also reads YAML 1.2's `0o` octal (found by npm run fuzz:decoders).
  if (/^[-+]?0o[0-7]+$/.test(t)) return (t.startsWith('-') ? -1 : 1) * parseInt(t.replace(/^[-+]?0o/, ''), 8);
  if (/^[-+]?0x[0-9a-fA-F]+$/.test(t)) return (t.startsWith('-') ? -1 : 1) * parseInt(t.replace(/^[-+]?0x/, ''), 16);
  if (/^[-+]?0b[01]+$/.test(t)) return (t.startsWith('-') ? -1 : 1) * parseInt(t.replace(/^[-+]?0b/, ''), 2);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(t)) return Number(t);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(t)) return NaN;
  return text;
}
