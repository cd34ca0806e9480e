// `--files-from FILE` (`-`: standard input): the paths to check, one per line or NUL-separated
// (`git diff --name-only -z`, `find -print0`), for lists too long for a command line.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './args.js';

export function parsePathList(text: string): string[] {
  const parts = text.includes('\0') ? text.split('\0') : text.split(/\r?\n/);
  return parts.filter((p) => p.length > 0 && p.trim().length > 0);
}

export async function readPathList(source: string, cwd: string, stdin: () => Promise<string>): Promise<string[]> {
  if (source === '-') return parsePathList(await stdin());
  try {
    return parsePathList(readFileSync(resolve(cwd, source), 'utf8'));
  } catch (e) {
    throw new UsageError(`--files-from: cannot read ${source} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** The paths a command checks: its arguments plus --files-from; `.` only when neither names any. */
export async function pathsOf(positionals: string[], filesFrom: string | undefined, cwd: string, stdin: () => Promise<string>): Promise<string[]> {
  if (filesFrom === undefined) return positionals.length ? positionals : ['.'];
  return [...positionals, ...(await readPathList(filesFrom, cwd, stdin))];
}
