// The risk model in a process of its own. onnxruntime's native start-up crashes (SIGSEGV, deep
// recursion on the main thread) in a process whose own command line is long, as it is when a
// pre-commit hook or `xargs` passes hundreds of paths; neither shortening process.argv nor a
// worker thread avoids that. This process is started with a short command line, so the model
// loads; and if the native runtime dies anyway, only this process dies and the scan reports
// its findings without scores.
//
// Protocol (binary, no parsing of numbers): stdin is a uint32 row count, a uint32 row width and
// the rows as little-endian float32; stdout is one float32 per row.

import { predictInProcess } from './score.js';

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function run(): Promise<void> {
  const input = await readStdin();
  if (input.length < 8) throw new Error('scorer: no input');
  const n = input.readUInt32LE(0);
  const width = input.readUInt32LE(4);
  if (input.length !== 8 + n * width * 4) throw new Error(`scorer: expected ${n}x${width} float32 values, got ${input.length - 8} bytes`);
  const data = new Float32Array(input.buffer.slice(input.byteOffset + 8, input.byteOffset + input.length));
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(data.subarray(i * width, (i + 1) * width)));
  const p = await predictInProcess(rows);
  const out = Buffer.from(new Float32Array(p).buffer);
  await new Promise<void>((res, rej) => process.stdout.write(out, (e) => (e ? rej(e) : res())));
}

run().then(
  () => {
    process.exitCode = 0;
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
