// Writes a report as JSON in chunks instead of one string: the same bytes as
// `JSON.stringify(value, null, 2) + '\n'` (test/json-stream.test.ts), but a large report (hundreds of
// thousands of findings) never exists as one string beside the objects it was made from.

const CHUNK = 1 << 20;

/** Arrays longer than this, and objects holding them, are written item by item; smaller values at once. */
const STREAM_OVER = 64;

export async function writeJsonStream(value: unknown, write: (chunk: string) => Promise<void> | void): Promise<void> {
  let buffer: string[] = [];
  let size = 0;
  const pending: string[] = [];
  const emit = (s: string) => {
    buffer.push(s);
    size += s.length;
    if (size >= CHUNK) {
      pending.push(buffer.join(''));
      buffer = [];
      size = 0;
    }
  };
  const flush = async () => {
    while (pending.length) await write(pending.shift()!);
  };
  const generator = walk(value, '', emit);
  for (let step = generator.next(); !step.done; step = generator.next()) await flush();
  emit('\n');
  pending.push(buffer.join(''));
  await flush();
}

/** Walks `value`, emitting its JSON; yields after each streamed item so the caller can flush. */
function* walk(value: unknown, indent: string, emit: (s: string) => void): Generator<void> {
  const v = toJsonValue(value);
  if (!big(v)) {
    emit(indentText(JSON.stringify(v, null, 2) ?? 'null', indent));
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    emit('[\n');
    for (let i = 0; i < v.length; i++) {
      emit(inner);
      const item = toJsonValue(v[i]);
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') emit('null');
      else yield* walk(item, inner, emit);
      emit(i < v.length - 1 ? ',\n' : `\n${indent}]`);
      yield;
    }
    return;
  }
  const entries = Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => [k, toJsonValue(x)] as const)
    .filter(([, x]) => x !== undefined && typeof x !== 'function' && typeof x !== 'symbol');
  emit('{\n');
  for (let i = 0; i < entries.length; i++) {
    const [k, x] = entries[i];
    emit(`${inner}${JSON.stringify(k)}: `);
    yield* walk(x, inner, emit);
    emit(i < entries.length - 1 ? ',\n' : `\n${indent}}`);
  }
}

/** What JSON.stringify would serialize for `value` (its toJSON, if any). */
function toJsonValue(value: unknown): unknown {
  return value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON: () => unknown }).toJSON() : value;
}

/** Worth streaming: a long array, or an object (or array) that holds one. */
function big(v: unknown, depth = 0): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.length > STREAM_OVER || (depth < 3 && v.some((x) => big(x, depth + 1)));
  if (depth >= 3) return false;
  return Object.values(v as Record<string, unknown>).some((x) => big(x, depth + 1));
}

function indentText(json: string, indent: string): string {
  return indent ? json.replace(/\n/g, `\n${indent}`) : json;
}
