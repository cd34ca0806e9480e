// Writes a report as JSON in chunks instead of one string: the same bytes as
// `JSON.stringify(value, null, 2) + '\n'`, or with `compact` as `JSON.stringify(value) + '\n'`
// (test/json-stream.test.ts), but a large report (hundreds of thousands of findings) never exists
// as one string beside the objects it was made from.

const CHUNK = 1 << 20;

/** Arrays longer than this, and objects holding them, are written item by item; smaller values at once. */
const STREAM_OVER = 64;
/** Small items of a streamed array written per native call. */
const BATCH = 256;

export async function writeJsonStream(value: unknown, write: (chunk: string) => Promise<void> | void, options: { compact?: boolean } = {}): Promise<void> {
  // Concatenated, not joined: V8 keeps `+=` as a rope and copies it once, when it is written.
  let buffer = '';
  const pending: string[] = [];
  const emit = (s: string) => {
    buffer += s;
    if (buffer.length >= CHUNK) {
      pending.push(buffer);
      buffer = '';
    }
  };
  const flush = async () => {
    while (pending.length) await write(pending.shift()!);
  };
  const generator = walk(value, '', emit, !options.compact);
  for (let step = generator.next(); !step.done; step = generator.next()) if (pending.length) await flush();
  emit('\n');
  pending.push(buffer);
  await flush();
}

/**
 * An array whose items are written as `map(item)`, one run at a time: a report's findings are
 * not copied whole into their JSON shape before writing. JSON.stringify sees the mapped array.
 * Its items are written whole, each by the native JSON.stringify, without looking inside them for
 * long arrays to stream (the same bytes either way; checking each of 119,000 findings cost more
 * than writing them).
 */
export class MappedArray<T> {
  constructor(
    readonly source: readonly T[],
    readonly map: (item: T) => unknown,
  ) {}

  toJSON(): unknown[] {
    return this.source.map((x) => this.map(x));
  }
}

/**
 * Walks `value`, emitting its JSON; yields after each streamed item so the caller can flush.
 * `pretty`: as JSON.stringify(value, null, 2) lays it out, `indent` being the current level's;
 * else as JSON.stringify(value).
 */
function* walk(value: unknown, indent: string, emit: (s: string) => void, pretty: boolean): Generator<void> {
  const v = value instanceof MappedArray && value.source.length > STREAM_OVER ? value : toJsonValue(value);
  if (!big(v)) {
    emit(pretty ? indentText(JSON.stringify(v, null, 2) ?? 'null', indent) : (JSON.stringify(v) ?? 'null'));
    return;
  }
  const nl = pretty ? '\n' : '';
  const inner = pretty ? `${indent}  ` : '';
  if (Array.isArray(v) || v instanceof MappedArray) {
    const items: readonly unknown[] = v instanceof MappedArray ? v.source : v;
    const at = v instanceof MappedArray ? (i: number) => v.map(items[i]) : (i: number) => items[i];
    emit(`[${nl}`);
    let i = 0;
    while (i < items.length) {
      // A run of small items is written by one native JSON.stringify of that slice (its "[\n" and
      // "\n]" cut off, its lines indented), much faster than one call per item.
      const run: unknown[] = [];
      let next: unknown;
      // A MappedArray's items are written whole, unchecked (see MappedArray): a finding is small.
      if (v instanceof MappedArray) while (i + run.length < items.length && run.length < BATCH) run.push(at(i + run.length));
      else while (i + run.length < items.length && run.length < BATCH && !big(toJsonValue((next = at(i + run.length))))) run.push(next);
      if (run.length) {
        emit(pretty ? runText(run, indent) : JSON.stringify(run).slice(1, -1));
        i += run.length;
      } else {
        emit(inner);
        yield* walk(at(i), inner, emit, pretty);
        i++;
      }
      emit(i < items.length ? `,${nl}` : `${nl}${indent}]`);
      yield;
    }
    return;
  }
  const entries = Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => [k, x instanceof MappedArray && x.source.length > STREAM_OVER ? x : toJsonValue(x)] as const)
    .filter(([, x]) => x !== undefined && typeof x !== 'function' && typeof x !== 'symbol');
  emit(`{${nl}`);
  for (let i = 0; i < entries.length; i++) {
    const [k, x] = entries[i];
    emit(`${inner}${JSON.stringify(k)}:${pretty ? ' ' : ''}`);
    yield* walk(x, inner, emit, pretty);
    emit(i < entries.length - 1 ? `,${nl}` : `${nl}${indent}}`);
  }
}

/** What JSON.stringify would serialize for `value` (its toJSON, if any). */
function toJsonValue(value: unknown): unknown {
  return value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON: () => unknown }).toJSON() : value;
}

/** Worth streaming: a long array, or an object (or array) that holds one. */
function big(v: unknown, depth = 0): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (v instanceof MappedArray) return v.source.length > STREAM_OVER;
  if (Array.isArray(v)) return v.length > STREAM_OVER || (depth < 3 && v.some((x) => big(x, depth + 1)));
  if (depth >= 3) return false;
  return Object.values(v as Record<string, unknown>).some((x) => big(x, depth + 1));
}

/**
 * The items of `run`, one per line as JSON.stringify(run, null, 2) prints them, each line `indent`
 * further in: the run is nested in one array per level of `indent` (two spaces each), so the native
 * call indents every line itself, and the wrapping lines are cut off. A regular-expression pass
 * over the text to indent it cost about 250 ms for the findings of 21,000 files.
 */
function runText(run: unknown[], indent: string): string {
  const levels = indent.length / 2;
  let wrapped: unknown = run;
  for (let k = 0; k < levels; k++) wrapped = [wrapped];
  const json = JSON.stringify(wrapped, null, 2);
  // Level j opens with j×2 spaces, "[" and a newline; closes with a newline, j×2 spaces and "]".
  let cut = 0;
  for (let j = 0; j <= levels; j++) cut += 2 * j + 2;
  return json.slice(cut, json.length - cut);
}

function indentText(json: string, indent: string): string {
  return indent ? json.replace(/\n/g, `\n${indent}`) : json;
}
