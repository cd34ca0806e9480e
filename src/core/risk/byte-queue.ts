// Bytes arriving in chunks on a pipe, read as frames (the scorer's protocol, both ways). Chunks
// are kept as they come and joined once per frame: joining on every chunk copied a large
// request over and over (about 150 chunks of 64 KiB for one chunk of scoring).

export class ByteQueue {
  private chunks: Buffer[] = [];
  length = 0;

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** The little-endian uint32 at `offset` (which must be in the queue). */
  uint32(offset: number): number {
    if (this.chunks[0].length < offset + 4) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0].readUInt32LE(offset);
  }

  /** Removes the first `n` bytes and returns them as one buffer. */
  take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    this.chunks = all.length > n ? [all.subarray(n)] : [];
    this.length -= n;
    return all.subarray(0, n);
  }
}
