// detach(): a string that outlives its file must not keep the file's text alive (util/detach.ts).
// Measured here the way it matters: names sliced out of large texts, the texts dropped, the heap
// collected; the raw slices keep every text, the detached copies keep only themselves.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { detach } from '../src/core/util/detach.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap growth (bytes) from keeping `keep(name)` of a name sliced from each of 16 distinct 1 MiB texts. */
function retained(keep: (name: string) => string): { bytes: number; names: string[] } {
  gc();
  const before = process.memoryUsage().heapUsed;
  const names: string[] = [];
  for (let i = 0; i < 16; i++) {
    const text = `kind: Deployment # ${i}\n` + 'x'.repeat(1 << 20);
    names.push(keep(text.slice(0, 40)));
  }
  gc();
  return { bytes: process.memoryUsage().heapUsed - before, names };
}

test('a detached string is equal to the original and keeps no larger string alive', () => {
  const sliced = retained((s) => s);
  const detached = retained(detach);
  assert.deepEqual(detached.names, sliced.names);
  assert.ok(sliced.bytes > 12 * 1024 * 1024, `raw slices keep their texts (${sliced.bytes} bytes)`);
  assert.ok(detached.bytes < 2 * 1024 * 1024, `detached names keep only themselves (${detached.bytes} bytes)`);
  assert.equal(detach(null), null);
  assert.equal(detach('short'), 'short');
  const cons = `container "${'a'.repeat(20)}" runs as root`;
  assert.equal(detach(cons), cons);
});
