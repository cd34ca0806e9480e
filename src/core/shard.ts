// Splitting a scan across machines (an Actions matrix): each file, or each rendered chart or
// Kustomize root with all its files, belongs to one shard by a hash of its path, so the split does
// not depend on the order files are found in and stays put when other files come and go. Every
// shard still reads every manifest for the facts cross-object checks need (which Services select
// which pods, which roles are bound), so a finding does not depend on the split.

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** FNV-1a of the path, modulo the shard count. */
export function shardOfPath(path: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) {
    h ^= path.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h % count) + 1;
}

export function inShard(shard: Shard): (path: string) => boolean {
  return (path) => shard.count <= 1 || shardOfPath(path, shard.count) === shard.index;
}

/** `i/n`, or an error that says what to write. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new Error(`--shard must be i/n with 1 ≤ i ≤ n (for example 2/4); got "${text}"`);
  return { index, count };
}
