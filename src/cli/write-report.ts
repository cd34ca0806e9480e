// Writes a report to a file or standard output. JSON and SARIF are streamed in chunks
// (report/json-stream.ts), so a large report never exists as one string.

import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeJsonStream } from '../report/json-stream.js';
import type { Io } from './main.js';

/**
 * JSON and SARIF are compact (one line) unless they go to a terminal or `pretty` is asked
 * (`--pretty`): a pretty report of a large scan is several times the bytes for a reader that is
 * a program; a person at a terminal gets it indented.
 */
export async function writeReport(report: { json: unknown } | { text: string }, output: string | undefined, io: Io, pretty = false): Promise<void> {
  const compact = !pretty && !(io.isTTY && !output);
  if (!output) {
    if ('text' in report) await io.stdout(report.text);
    else await writeJsonStream(report.json, io.stdout, { compact });
    return;
  }
  const fd = openSync(resolve(io.cwd, output), 'w');
  try {
    if ('text' in report) writeSync(fd, report.text);
    else await writeJsonStream(report.json, (chunk) => void writeSync(fd, chunk), { compact });
  } finally {
    closeSync(fd);
  }
}
