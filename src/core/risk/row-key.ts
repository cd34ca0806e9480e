// Feature rows as map keys (row → score caches, equal rows scored once), and back.

/**
 * One character per feature when every value is a small whole number (counts and flags always
 * are), else the values joined with commas. The two forms never collide, and rowOfKey tells them
 * apart: the first is exactly one character per feature, the second at least two.
 */
export function rowKey(row: ArrayLike<number>): string {
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (!(Number.isInteger(v) && v >= 0 && v < 0xffff)) return Array.prototype.join.call(row, ',');
  }
  return String.fromCharCode.apply(null, row as number[]);
}

/** The row of `width` features a key stands for. */
export function rowOfKey(key: string, width: number): number[] {
  if (key.length !== width) return key.split(',').map(Number);
  const row = new Array<number>(width);
  for (let i = 0; i < width; i++) row[i] = key.charCodeAt(i);
  return row;
}
