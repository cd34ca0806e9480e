// How far V8 lets the heap grow past the live data before collecting it is most of a large scan's
// memory. After each full collection V8 sets the next limit to the live size times a factor of up
// to 4 on a machine with memory to spare; a large scan allocates fast and reaches that factor, so
// at 21,000 files about 140 MB of live data peaked at 500 to 800 MB of RSS. Measured on those files
// (README, "Large scans"): a factor of 2 peaked at 487 MB, 1.5 at 387 to 395 MB for 250 ms more
// of full collections (355 ms against 103 ms in a 20 s run), 1.3 at more again for no less memory.
// So a bounded scan sets 1.5, unless the user chose a growth of their own (NODE_OPTIONS or node's
// command line).

import { setFlagsFromString } from 'node:v8';

const FLAG = '--heap-growing-percent';
let set = false;

export function boundHeapGrowth(): void {
  if (set) return;
  set = true;
  const chosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('heap-growing-percent') || a.includes('heap_growing_percent'));
  // V8 reads this flag at each full collection (MemoryController::GrowingFactor), so setting it
  // while running takes effect from the next one; the flag is process-wide (workers included).
  if (!chosen) setFlagsFromString(`${FLAG}=50`);
}
