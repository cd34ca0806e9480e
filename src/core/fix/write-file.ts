// Writing a fixed file back: atomically (a temporary file in the same directory, then rename, so
// a crash or a full disk never leaves half a manifest), keeping what the edit must not change
// (the file's mode, a byte-order mark, CRLF line endings, the final newline or its absence), and
// never through a symlink that leads out of the directories the user asked to fix.

import { closeSync, fsyncSync, lstatSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { randomBytes } from 'node:crypto';

export class WriteRefused extends Error {}

const BOM = '\ufeff';

/**
 * Replaces the file at `absPath` with `text` (which was computed from `original`, the file's text
 * without its BOM). Refuses, leaving the file untouched, when the file changed since it was read
 * or when it is a symlink to somewhere outside `roots`.
 */
export function writeFileAtomically(absPath: string, original: string, text: string, roots: string[]): void {
  const target = resolveTarget(absPath, roots);
  const bytes = readFileSync(target);
  const onDisk = bytes.toString('utf8');
  const hadBom = onDisk.startsWith(BOM);
  if ((hadBom ? onDisk.slice(1) : onDisk) !== original) throw new WriteRefused('the file changed on disk while riskgate was fixing it; run riskgate fix again');
  const out = (hadBom ? BOM : '') + keepLayout(original, text);
  const mode = statSync(target).mode & 0o7777;
  const tmp = join(dirname(target), `.${basename(target)}.riskgate-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx', mode);
    writeSync(fd, out);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, target);
  } catch (e) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      /* nothing was created */
    }
    throw e;
  }
}

/** The real file a write lands on, or a refusal when it lies outside every root. */
function resolveTarget(absPath: string, roots: string[]): string {
  if (!lstatSync(absPath).isSymbolicLink()) return absPath;
  const real = realpathSync(absPath);
  const inside = roots.some((r) => {
    const root = realpathSync(r);
    return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
  });
  if (!inside) throw new WriteRefused(`it is a symlink to ${real}, outside the scanned directories; not written (fix the file it points to directly)`);
  return real;
}

/** Line endings and the final newline as the original had them, whatever an edit wrote. */
export function keepLayout(original: string, text: string): string {
  let out = text;
  const lf = (original.match(/\n/g) ?? []).length;
  const crlf = (original.match(/\r\n/g) ?? []).length;
  if (lf > 0 && crlf === lf) out = out.replace(/\r?\n/g, '\r\n');
  else if (crlf === 0) out = out.replace(/\r\n/g, '\n');
  const eol = crlf === lf && lf > 0 ? '\r\n' : '\n';
  const endsWithNewline = original.endsWith('\n');
  if (endsWithNewline && !out.endsWith('\n')) out += eol;
  if (!endsWithNewline) out = out.replace(/(\r?\n)+$/, '');
  return out;
}
