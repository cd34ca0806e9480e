// The risk model in a process of its own. onnxruntime's native start-up crashes (SIGSEGV, deep
// recursion on the main thread) in a process whose own command line is long, as it is when a
// pre-commit hook or `xargs` passes hundreds of paths; neither shortening process.argv nor a
// worker thread avoids that. This process is started with a short command line, so the model
// loads; and if the native runtime dies anyway, only this process dies and the scan reports
// its findings without scores.
//
// Protocol (binary, no parsing of numbers), one request after another on stdin until it closes
// (see scorer-child.ts): uint32 row count, uint32 row width, the rows as little-endian float32;
// each answered on stdout with a uint32 row count and one float32 per row.

import { predictMatrix, preloadModel } from './score.js';
import { FEATURE_NAMES } from './features.js';
import { ByteQueue } from './byte-queue.js';

async function* frames(): AsyncGenerator<{ n: number; width: number; data: Float32Array }> {
  const queue = new ByteQueue();
  for await (const c of process.stdin) {
    queue.push(c as Buffer);
    while (queue.length >= 8) {
      const n = queue.uint32(0);
      const width = queue.uint32(4);
      const size = 8 + n * width * 4;
      if (queue.length < size) break;
      const frame = queue.take(size);
      yield { n, width, data: new Float32Array(frame.buffer.slice(frame.byteOffset + 8, frame.byteOffset + size)) };
    }
  }
  if (queue.length) throw new Error(`scorer: ${queue.length} bytes of an incomplete request`);
}

async function run(): Promise<void> {
  for await (const { n, width, data } of frames()) {
    if (width !== FEATURE_NAMES.length) throw new Error(`scorer: rows of ${width} features, the model takes ${FEATURE_NAMES.length}`);
    const p = await predictMatrix(data, n);
    const out = Buffer.alloc(4 + p.length * 4);
    out.writeUInt32LE(p.length, 0);
    new Float32Array(out.buffer, out.byteOffset + 4, p.length).set(p);
    await new Promise<void>((res, rej) => process.stdout.write(out, (e) => (e ? rej(e) : res())));
  }
}

// The model loads while the parent is still reading files (score.ts startScorer).
preloadModel();
run().then(
  () => {
    process.exitCode = 0;
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
