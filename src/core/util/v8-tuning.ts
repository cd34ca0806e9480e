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
// Set before the first hot function is compiled: the entry modules import this module first.
// V8 reads these flags when it next decides to optimize, so setting them at run time works (the
// measurement above was taken that way); test/v8-tuning.test.ts checks that node knows each name,
// since V8 ignores an unknown flag set at run time without a word.

import { setFlagsFromString } from 'node:v8';

export const COMPILER_FLAGS = ['--no-turbo-inlining', '--interrupt-budget=300000'] as const;

/** RISKGATE_V8_DEFAULTS=1 leaves V8's defaults (for measuring this module's effect). */
if (!process.env.RISKGATE_V8_DEFAULTS) for (const flag of COMPILER_FLAGS) setFlagsFromString(flag);
