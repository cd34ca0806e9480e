// Process entry: wires the CLI to the real process. Sets exitCode instead of calling
// process.exit(), so large piped output is never truncated.

// First: compiler settings apply to what is compiled after them (core/util/v8-tuning.ts).
import '../core/util/v8-tuning.js';
import { main } from './main.js';
import { setScoringMode } from '../core/risk/score.js';

// The CLI scores in a child process (see core/risk/scorer-process.ts): a crash of the native
// runtime then costs the scores, never the findings, and any command-line length works. It
// costs about 70 ms per run. RISKGATE_SCORING=in-process|child overrides.
if (!process.env.RISKGATE_SCORING) setScoringMode('child');

const io = {
  stdout: (s: string) => new Promise<void>((res, rej) => process.stdout.write(s, (err) => (err ? rej(err) : res()))),
  stderr: (s: string) => void process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  cwd: process.cwd(),
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
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
