// `npm run bench`: throughput and memory of a full scan against a parse-only pass over the same
// files. Prints numbers; asserts nothing (timings belong here, never in tests).
//
// Two corpora of 5,000 manifests each, every file varied (names, images, extra documents) so no
// two are identical:
// - "fixtures": generated from the repository's own rule fixtures and examples. Built to break
//   rules, so it is finding-dense (about 10 findings per object): the worst case.
// - "real-world": the public manifests in ../shared/corpus/realworld when that directory exists
//   (it is not shipped with riskgate), replicated to 5,000 files: the typical case.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scan } from '../src/core/engine.js';
import { readSource } from '../src/core/source-file.js';
import { loadManifest } from '../src/core/k8s/load-manifest.js';
import { discover } from '../src/core/discovery.js';
import { parseDockerfile } from '../src/core/docker/model.js';
import { seededRandom } from '../scripts/seeded-random.js';
import { defaultConfig } from '../src/core/config.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const COUNT = Number(process.env.BENCH_FILES ?? 5000);

function filesUnder(match: RegExp, ...dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (match.test(e.name)) out.push(readFileSync(p, 'utf8'));
    }
  };
  for (const d of dirs) if (existsSync(d)) walk(d);
  return out;
}
const yamlFilesUnder = (...dirs: string[]) => filesUnder(/\.ya?ml$/, ...dirs);
const dockerfilesUnder = (...dirs: string[]) => filesUnder(/(^|[._-])dockerfile([._-].*)?$/i, ...dirs).filter((t) => !t.includes('{{'));


function buildCorpus(dir: string, pool: string[], perFile: number, kind: 'manifest' | 'dockerfile' = 'manifest', count = COUNT): { files: number; bytes: number } {
  rmSync(dir, { recursive: true, force: true });
  const rand = seededRandom(42);
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    if (kind === 'dockerfile') {
      const text = pool[i % pool.length].replace(/^(FROM\s+\S+?):([\w.-]+)/gm, (_m, img: string, tag: string) => `${img}:${tag}-${i % 13}`);
      const sub = join(dir, `svc-${i % 50}`, `app-${i}`);
      mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, 'Dockerfile'), text);
      bytes += Buffer.byteLength(text);
      continue;
    }
    const parts = 1 + Math.floor(rand() * perFile);
    const docs: string[] = [];
    for (let j = 0; j < parts; j++) {
      const t = pool[Math.floor(rand() * pool.length)];
      docs.push(t.replace(/name: (\w[\w-]*)/g, (_m, n: string) => `name: ${n}-${i}-${j}`).replace(/image: ([\w./-]+):([\w.-]+)/g, (_m, img: string) => `image: ${img}:${1 + (i % 9)}.${j}.${i % 17}`));
    }
    const text = docs.join('\n---\n');
    const sub = join(dir, `team-${i % 50}`, `app-${i % 7}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `manifest-${i}.yaml`), text);
    bytes += Buffer.byteLength(text);
  }
  return { files: count, bytes };
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

function measure(label: string, pool: string[], perFile: number, kind: 'manifest' | 'dockerfile' = 'manifest', count = COUNT): void {
  const dir = join(tmpdir(), `riskgate-bench-${label}`);
  const built = buildCorpus(dir, pool, perFile, kind, count);
  const config = defaultConfig();
  // Warm up the JIT on a slice so both passes are measured hot.
  scan({ paths: [join(dir, kind === 'dockerfile' ? 'svc-0' : 'team-0')], cwd: dir, config });
  const parseRuns: number[] = [];
  const fullRuns: number[] = [];
  let objects = 0;
  let findings = 0;
  for (let i = 0; i < 3; i++) {
    const parse = time(() => {
      const { candidates } = discover(['.'], { cwd: dir, root: dir, include: [], exclude: [] });
      let n = 0;
      for (const c of candidates) {
        const r = readSource(c.absPath, c.path, config.maxFileSize);
        if (!r.ok) continue;
        if (c.kind === 'dockerfile') {
          n += parseDockerfile(r.file).instructions.length;
        } else {
          const m = loadManifest(r.file);
          if (m.status === 'scanned') n += m.objects.length;
        }
      }
      return n;
    });
    parseRuns.push(parse.ms);
    objects = parse.value;
    const full = time(() => scan({ paths: ['.'], cwd: dir, config }));
    fullRuns.push(full.ms);
    findings = full.value.findings.length;
  }
  const parseMs = Math.min(...parseRuns);
  const fullMs = Math.min(...fullRuns);
  const mb = built.bytes / 1024 / 1024;
  const unit = kind === 'dockerfile' ? 'instructions' : 'objects';
  console.log(`${label} corpus: ${built.files} ${kind === 'dockerfile' ? 'Dockerfiles' : 'manifests'}, ${mb.toFixed(1)} MiB, ${objects} ${unit}, ${findings} findings (${(findings / built.files).toFixed(1)} per file)`);
  console.log(`  parse-only pass (discover + read + parse + model${kind === 'dockerfile' ? ' + shell' : ''}), best of 3: ${parseMs.toFixed(0)} ms`);
  console.log(`  full scan (default rules), best of 3: ${fullMs.toFixed(0)} ms  [runs: ${fullRuns.map((r) => r.toFixed(0)).join(', ')}]`);
  console.log(`  throughput: ${((built.files / fullMs) * 1000).toFixed(0)} ${kind === 'dockerfile' ? 'Dockerfiles' : 'files'}/s, ${((mb / fullMs) * 1000).toFixed(1)} MB/s`);
  console.log(`  ratio full scan / parse-only: ${(fullMs / parseMs).toFixed(2)}`);
  if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
}

measure('fixtures', yamlFilesUnder(join(ROOT, 'test/fixtures/k8s'), join(ROOT, 'examples')), 3);
const realworld = join(ROOT, '../shared/corpus/realworld');
if (existsSync(realworld)) measure('real-world', yamlFilesUnder(realworld).filter((t) => !t.includes('{{')), 1);
else console.log('real-world corpus: ../shared/corpus/realworld not present; skipped');
measure('dockerfile-fixtures', dockerfilesUnder(join(ROOT, 'test/fixtures/docker')), 1, 'dockerfile', 2000);
if (existsSync(realworld)) measure('real-world-dockerfiles', dockerfilesUnder(realworld), 1, 'dockerfile', 2000);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
