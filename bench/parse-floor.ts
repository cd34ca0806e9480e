// The parse-only floor of a scan, which bench/parallel.ts compares a scan with: the files riskgate
// would check, read and parsed by the two parsers and nothing else (js-yaml loadAll for manifests,
// dockerfile-ast for Dockerfiles), single-threaded. "cold" is the first pass in a fresh process,
// as a CLI run is; "hot" the best of three more, with the parsers compiled. Prints one JSON line.
//
//   node build/bench/parse-floor.js <dir>

import { readFileSync } from 'node:fs';
// The fast build of js-yaml, as the engine uses it (src/core/yaml/js-yaml.ts): the floor is the cheapest parse there is.
import { loadAll } from '../src/core/yaml/js-yaml.js';
import { DockerfileParser } from 'dockerfile-ast';
import { discover } from '../src/core/discovery.js';

const dir = process.argv[2];
const start = performance.now();
const pass = () => {
  const t = performance.now();
  const { candidates } = discover(['.'], { cwd: dir, root: dir, include: [], exclude: [] });
  let parsed = 0;
  for (const c of candidates) {
    let text: string;
    try {
      text = readFileSync(c.absPath, 'utf8');
    } catch {
      continue;
    }
    try {
      if (c.kind === 'dockerfile') DockerfileParser.parse(text);
      else loadAll(text);
      parsed++;
    } catch {
      // Invalid files cost their parse attempt; they count as read.
    }
  }
  return { ms: performance.now() - t, files: candidates.length, parsed };
};
const cold = pass();
const hot = Math.min(...[0, 1, 2].map(() => pass().ms));
console.log(JSON.stringify({ files: cold.files, parsed: cold.parsed, coldMs: Math.round(cold.ms), hotMs: Math.round(hot), processMs: Math.round(start) }));
