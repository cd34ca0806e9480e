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
export async function writeReport(report: { json: unknown } | { text: string } | { lines: string[] }, output: string | undefined, io: Io, pretty = false): Promise<void> {
  const compact = !pretty && !(io.isTTY && !output);
  if ('lines' in report) {
    // About 1 MB at a time: the lines of a large text report are never joined into one string.
    const fd = output ? openSync(resolve(io.cwd, output), 'w') : null;
    const write = async (chunk: string) => (fd !== null ? void writeSync(fd, chunk) : io.stdout(chunk));
    try {
      // The same bytes as formatText: lines joined by newlines, and one at the end.
      if (!report.lines.length) await write('\n');
      let from = 0;
      let size = 0;
      for (let i = 0; i < report.lines.length; i++) {
        size += report.lines[i].length + 1;
        if (size >= 1 << 20 || i === report.lines.length - 1) {
          await write(report.lines.slice(from, i + 1).join('\n') + '\n');
          from = i + 1;
          size = 0;
        }
      }
    } finally {
      if (fd !== null) closeSync(fd);
    }
    return;
  }
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
