// Writes a report to a file or standard output. JSON and SARIF are streamed in chunks
// (report/json-stream.ts), and a text report is written from its lines a chunk at a time, so a
// large report never exists as one string (text at 18,272 files: 655 -> 516 MB peak).

import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeJsonStream } from '../report/json-stream.js';
import type { Io } from './main.js';

/**
 * JSON and SARIF are compact (one line) unless they go to a terminal or `pretty` is asked
 * (`--pretty`): a pretty report of a large scan is several times the bytes for a reader that is
 * a program; a person at a terminal gets it indented.
 */
export async function writeReport(report: { json: unknown } | { lines: string[] }, output: string | undefined, io: Io, pretty = false): Promise<void> {
  const fd = output ? openSync(resolve(io.cwd, output), 'w') : null;
  const write = async (chunk: string) => (fd !== null ? void writeSync(fd, chunk) : io.stdout(chunk));
  try {
    if ('lines' in report) await writeLines(report.lines, write);
    else await writeJsonStream(report.json, write, { compact: !pretty && !(io.isTTY && !output) });
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** The bytes of `lines.join('\n') + '\n'`, about 1 MB at a time. */
async function writeLines(lines: string[], write: (chunk: string) => Promise<void>): Promise<void> {
  if (!lines.length) return write('\n');
  let from = 0;
  let size = 0;
  for (let i = 0; i < lines.length; i++) {
    size += lines[i].length + 1;
    if (size >= 1 << 20 || i === lines.length - 1) {
      await write(lines.slice(from, i + 1).join('\n') + '\n');
      from = i + 1;
      size = 0;
    }
  }
}
