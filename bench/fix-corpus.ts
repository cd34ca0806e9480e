// Runs `riskgate fix` in memory on every file of a corpus (default ../shared/corpus) and verifies
// each fix as the tests do. Prints counts; lists files whose verification failed.
//
//   npm run build && node build/bench/fix-corpus.js [corpus-dir]

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { verifyFix } from '../src/core/fix/verify.js';
import { defaultConfig } from '../src/core/config.js';
import { isDockerfileName } from '../src/core/discovery.js';

const dir = resolve(process.argv[2] ?? '../shared/corpus');
const files: { path: string; kind: 'manifest' | 'dockerfile' }[] = [];
const walk = (d: string) => {
  for (const e of readdirSync(d)) {
    const p = join(d, e);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(ya?ml|json)$/i.test(e)) files.push({ path: p, kind: 'manifest' });
    else if (isDockerfileName(e)) files.push({ path: p, kind: 'dockerfile' });
  }
};
walk(dir);
const config = defaultConfig();
let changed = 0;
let fixes = 0;
let verified = 0;
const failures: string[] = [];
const started = Date.now();
for (const f of files) {
  const text = readFileSync(f.path, 'utf8');
  const v = verifyFix({ path: f.path, text, kind: f.kind }, config);
  if (!v.outcome.changed.size) continue;
  changed++;
  fixes += v.outcome.applied.length;
  if (v.problems.length) failures.push(`${f.path}: ${v.problems.join('; ')}`);
  else verified++;
}
console.log(`files: ${files.length}; changed by fix: ${changed}; fixes applied: ${fixes}; files verified: ${verified}; failed verification: ${failures.length} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
for (const f of failures.slice(0, 40)) console.log(`  FAIL ${f}`);
