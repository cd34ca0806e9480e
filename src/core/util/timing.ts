// RISKGATE_TIMING=1 prints how long each phase of a run took and the memory then, to stderr: for finding where time
// goes on a large repository (npm run bench reports totals; this splits them). Off by default.

const enabled = Boolean(process.env.RISKGATE_TIMING);
const start = performance.now();
let last = start;

/** Prints `label`, the time since the previous mark and since the process started. */
export function mark(label: string): void {
  if (!enabled) return;
  const now = performance.now();
  const mib = (n: number) => `${(n / 1048576).toFixed(0)} MiB`;
  const m = process.memoryUsage();
  const peak = process.resourceUsage().maxRSS * 1024;
  // Heap used (live data and garbage not collected yet) of the heap's size tells data from slack.
  process.stderr.write(`riskgate timing: ${label.padEnd(28)} +${(now - last).toFixed(0).padStart(6)} ms  (at ${(now - start).toFixed(0)} ms; RSS ${mib(m.rss)}, peak ${mib(peak)}; heap ${mib(m.heapUsed)} of ${mib(m.heapTotal)})\n`);
  last = now;
}
