// `--files-from FILE` (`-`: standard input): the paths to check, one per line or NUL-separated
// (`git diff --name-only -z`, `find -print0`), for lists too long for a command line.

import { existsSync, readFileSync } from 'node:fs';
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
// A path typed on the command line that does not exist is a mistake (a typo, a wrong directory):
// scanning nothing and exiting 0 would pass a gate on it, so it is a usage error, as in ESLint and
// hadolint. A --files-from list may name files a change deleted (`git diff --name-only`), so its
// missing entries stay per-file notes.
export async function pathsOf(positionals: string[], filesFrom: string | undefined, cwd: string, stdin: () => Promise<string>): Promise<string[]> {
  const missing = positionals.filter((p) => !existsSync(resolve(cwd, p)));
  if (missing.length) throw new UsageError(`no such file or directory: ${missing.map((p) => JSON.stringify(p)).join(', ')}`);
  if (filesFrom === undefined) return positionals.length ? positionals : ['.'];
  return [...positionals, ...(await readPathList(filesFrom, cwd, stdin))];
}
