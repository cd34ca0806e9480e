// V8 compiler settings for a short, busy run (the CLI, the action, their worker threads: V8 flags
// are per process). A scan runs ~130 rules and several parsers once over many files: TurboFan's
// default budgets optimize hundreds of functions, many of them more than once after a
// deoptimization, and with inlining each compile is large. On 2 cores that background compiling
// took a whole core for the whole run (user time 5.8 s for a 4.0 s scan of `npm run bench`'s mixed
// set; `--single-threaded` made it 6.1 s) and left nothing for a second thread.
//
// Measured 2026-12-04 (node 20.20, 4,584 files, JSON with risk, --jobs 1, best of 2):
//   defaults                                          3.96 s, user 5.79 s
//   --no-turbo-inlining                               3.51 s, user 4.58 s
//   --interrupt-budget=200000                         3.56 s, user 4.67 s
//   both (300000)                                     3.37 s, user 3.84 s
//   at 18,272 files                                   14.62 s → 12.82 s
// Tried and not kept: --maglev (no change), --no-opt (6.4 s), larger semi-spaces (no change, more
// memory), --no-lazy-feedback-allocation (slower), --no-use-osr, --no-flush-bytecode (no change).
//
// Node 20 only (V8 11): on node 24 (V8 13, what the action runs on and `npm test`/`npm run bench`
// use) the same scan takes 2.55 s with or without them, and Maglev's defaults measured best
// (--no-turbo-inlining 2.58 s, --no-maglev-inlining 2.54–2.63 s, --invocation-count-for-maglev=1000
// 2.53–2.65 s, --no-maglev 2.84 s). V8 13 also no longer has --interrupt-budget, and V8 prints
// "Error: unrecognized flag" on stdout for a name it does not know, into a report written there:
// so the flags are chosen by V8's version, never tried.
//
// Set before the first hot function is compiled: the entry modules import this module first.
// V8 reads these flags when it next decides to optimize, so setting them at run time works (the
// measurement above was taken that way); test/v8-tuning.test.ts checks that node knows each name.

import { setFlagsFromString } from 'node:v8';

/** The flags for a V8 version (`process.versions.v8`). */
export function compilerFlags(v8Version: string): string[] {
  const major = Number(v8Version.split('.')[0]);
  return major === 11 ? ['--no-turbo-inlining', '--interrupt-budget=300000'] : [];
}

export const COMPILER_FLAGS = compilerFlags(process.versions.v8);

/** RISKGATE_V8_DEFAULTS=1 leaves V8's defaults (for measuring this module's effect). */
if (!process.env.RISKGATE_V8_DEFAULTS) for (const flag of COMPILER_FLAGS) setFlagsFromString(flag);
