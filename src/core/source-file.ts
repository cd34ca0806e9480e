// Reads a file the way an attacker-supplied file must be read: bounded in size, refused when
// binary or not UTF-8, with a message a person can act on.

import { openSync, readSync, fstatSync, closeSync } from 'node:fs';
import { LineIndex } from './text.js';

export interface SourceFile {
  path: string;
  absPath: string;
  text: string;
  lines: LineIndex;
}

export type ReadResult = { ok: true; file: SourceFile } | { ok: false; status: 'skipped' | 'error'; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function readSource(absPath: string, path: string, maxBytes: number): ReadResult {
  let fd: number;
  try {
    fd = openSync(absPath, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, status: 'error', reason: code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'cannot open file: permission denied' : `cannot open file (${code ?? 'error'})` };
  }
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) return { ok: false, status: 'skipped', reason: `file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit (maxFileSize)` };
    const buf = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buf, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    const bytes = buf.subarray(0, read);
    if (bytes.length === 0) return { ok: false, status: 'skipped', reason: 'empty file' };
    if (bytes.includes(0)) return { ok: false, status: 'error', reason: 'binary file (contains NUL bytes); not scanned' };
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      return { ok: false, status: 'error', reason: 'not valid UTF-8 text; not scanned' };
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() === '') return { ok: false, status: 'skipped', reason: 'empty file' };
    return { ok: true, file: { path, absPath, text, lines: new LineIndex(text) } };
  } catch (e) {
    return { ok: false, status: 'error', reason: `cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  } finally {
    closeSync(fd);
  }
}

export function fromText(path: string, text: string): SourceFile {
  return { path, absPath: path, text, lines: new LineIndex(text) };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MiB`;
}
