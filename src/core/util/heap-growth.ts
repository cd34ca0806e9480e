// How far V8 lets the heap grow past the live data before collecting it is most of a large scan's
// memory. After each full collection V8 sets the next limit to the live size times a factor of up
// to 4 on a machine with memory to spare; a large scan allocates fast and reaches that factor, so
// at 21,000 files about 140 MB of live data peaked at 500 to 800 MB of RSS. Measured, with the
// live data of a scan as it is now (about 100 MB after 21,252 real-world files), peak RSS and time:
//   growth          21,252 real-world files       18,092 finding-dense test files
//   default (300%)  516-556 MB, 19.2 s            815 MB (before the live data was cut)
//   50%             366-374 MB, 16.6-19.3 s       392-406 MB, 21.2-22.1 s; full GCs 231 ms
//   30%             354 MB,     16.9-17.2 s       368-373 MB, 21.7-22.0 s; full GCs 231 ms
//   20%             333-339 MB, 17.1 s            358-367 MB, 20.9-22.8 s; full GCs 320 ms
// (time varies more between runs than between settings on this machine). So a bounded scan grows
// the heap by at most 30 %, unless the user chose a growth of their own (NODE_OPTIONS or node's
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
  if (!chosen) setFlagsFromString(`${FLAG}=30`);
}
