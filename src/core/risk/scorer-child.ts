// The parent's side of the scorer process (scorer-process.ts): one process per run, started on the
// first request and kept for the next ones (paths to green ask the model up to 26 times; starting
// the process and loading onnxruntime each time cost about 0.2 s per request). Requests are
// answered in order. While none is pending the process does not keep riskgate alive; it ends when
// riskgate does (its stdin closes). A process that dies fails the pending requests with a
// ModelError naming the signal or its own message, and the next request starts a new one.
//
// Frames, little-endian: request = uint32 rows, uint32 width, rows×width float32;
// reply = uint32 rows, rows float32.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { ByteQueue } from './byte-queue.js';

export class ScorerFailure extends Error {}

interface Pending {
  rows: number;
  resolve: (scores: number[]) => void;
  reject: (e: Error) => void;
}

export class ScorerChild {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: Pending[] = [];
  private readonly replies = new ByteQueue();
  private readonly errors: Buffer[] = [];
  dead = false;

  constructor(script: string, env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'pipe'], env });
    this.child.stdout.on('data', (c: Buffer) => this.onData(c));
    this.child.stderr.on('data', (c: Buffer) => this.errors.push(c));
    this.child.stdin.on('error', () => undefined); // a process that died is reported on close
    this.child.on('error', (e) => this.fail(new ScorerFailure(`could not start the risk model's process (${e.message})`)));
    this.child.on('close', (code, signal) => {
      const message = Buffer.concat(this.errors).toString('utf8').trim().split('\n')[0];
      this.fail(new ScorerFailure(signal ? `the model's native runtime (onnxruntime) crashed with ${signal}` : message || `the risk model's process exited with code ${code}`));
    });
    this.idle();
  }

  /** Scores `rows` rows of `width` features, row-major in `data`. */
  request(data: Float32Array, rows: number, width: number): Promise<number[]> {
    if (this.dead) return Promise.reject(new ScorerFailure('the risk model\'s process has ended'));
    const frame = Buffer.alloc(8 + rows * width * 4);
    frame.writeUInt32LE(rows, 0);
    frame.writeUInt32LE(width, 4);
    new Float32Array(frame.buffer, frame.byteOffset + 8, rows * width).set(data.subarray(0, rows * width));
    return new Promise((resolve, reject) => {
      this.pending.push({ rows, resolve, reject });
      this.busy();
      this.child.stdin.write(frame);
    });
  }

  private onData(chunk: Buffer): void {
    this.replies.push(chunk);
    while (this.replies.length >= 4 && this.pending.length) {
      const n = this.replies.uint32(0);
      if (this.replies.length < 4 + n * 4) return;
      const head = this.pending.shift()!;
      const bytes = this.replies.take(4 + n * 4).subarray(4);
      if (n !== head.rows) head.reject(new ScorerFailure(`the risk model's process returned ${n} scores for ${head.rows} rows`));
      else head.resolve(Array.from(new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length))));
      if (!this.pending.length) this.idle();
    }
  }

  private fail(e: Error): void {
    this.dead = true;
    for (const p of this.pending.splice(0)) p.reject(e);
  }

  /** Keeps riskgate alive while a request is pending. */
  private busy(): void {
    this.child.ref();
    (this.child.stdout as unknown as { ref?: () => void }).ref?.();
    (this.child.stderr as unknown as { ref?: () => void }).ref?.();
  }

  /** Lets riskgate exit while nothing is pending; closing its stdin then ends the process. */
  private idle(): void {
    this.child.unref();
    (this.child.stdout as unknown as { unref?: () => void }).unref?.();
    (this.child.stderr as unknown as { unref?: () => void }).unref?.();
    (this.child.stdin as unknown as { unref?: () => void }).unref?.();
  }
}
