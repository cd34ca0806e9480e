// Process entry: wires the CLI to the real process. Sets exitCode instead of calling
// process.exit(), so large piped output is never truncated.

import { main } from './main.js';

const io = {
  stdout: (s: string) => new Promise<void>((res, rej) => process.stdout.write(s, (err) => (err ? rej(err) : res()))),
  stderr: (s: string) => void process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  cwd: process.cwd(),
};

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exitCode = process.exitCode ?? 0; // reader went away (| head)
});

main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`riskgate: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 3;
  },
);
