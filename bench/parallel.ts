// `npm run bench` (part): the CLI (the bundle, dist/cli.js) on a mixed set of real and test files
// with the default --jobs (auto) and with 1 and 2 worker threads, JSON output with risk: wall
// time, files/s, the ratio to the parse-only floor (bench/parse-floor.ts), each the median of
// BENCH_ROUNDS (default 3) interleaved runs, peak RSS and CPU use (from /usr/bin/time when the
// machine has it), and whether the reports are the same bytes. Prints; asserts nothing.
//
// The set: ../shared/corpus (real-world Dockerfiles and manifests, KICS and Checkov cases) and the
// repository's own fixtures, copied COPIES times (BENCH_COPIES, default 1; 4 gives about 20,000 files).
// BENCH_SET=realworld copies only the real-world files (7 copies: 21,252 files, the set the memory
// target at 20,000 files is measured on).

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHARED = join(ROOT, '../shared/corpus');
const COPIES = Number(process.env.BENCH_COPIES ?? 1);
const REAL_WORLD_ONLY = process.env.BENCH_SET === 'realworld';

if (!existsSync(SHARED)) {
  console.log('parallel: ../shared/corpus not present; skipped');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'riskgate-bench-parallel-'));
  const reports = mkdtempSync(join(tmpdir(), 'riskgate-bench-reports-'));
  try {
    for (let i = 0; i < COPIES; i++) {
      cpSync(join(SHARED, 'realworld'), join(dir, `c${i}/rw`), { recursive: true });
      if (REAL_WORLD_ONLY) continue;
      cpSync(join(SHARED, 'fixtures'), join(dir, `c${i}/fx`), { recursive: true });
      cpSync(join(ROOT, 'test/fixtures'), join(dir, `c${i}/tf`), { recursive: true });
    }
    const files = Number(spawnSync('sh', ['-c', `find "${dir}" -type f | wc -l`], { encoding: 'utf8' }).stdout.trim());
    // Medians of ROUNDS runs, interleaved (floor, auto, 1, 2 in each round): one run of each varied
    // by 0.1–0.3 s on this 2-core machine, more than some of the changes it measures. The first
    // round also fills node's compile cache for a freshly built dist/ (dist/cli.js enables it).
    const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
    const configs = ['auto', 1, 2] as const;
    const floors: { files: number; coldMs: number; hotMs: number }[] = [];
    const runs = new Map<(typeof configs)[number], { ms: number; rss?: number; cpuMs?: number }[]>(configs.map((c) => [c, []]));
    const timed = existsSync('/usr/bin/time');
    const outputs = new Map<(typeof configs)[number], string>();
    for (let round = 0; round < ROUNDS; round++) {
      floors.push(JSON.parse(spawnSync(process.execPath, [join(ROOT, 'build/bench/parse-floor.js'), dir], { encoding: 'utf8' }).stdout));
      // The default first (auto: on 2 cores one thread, with a Dockerfile worker beside it when
      // the scan has enough of them; scan-parallel.ts), then fixed counts.
      for (const jobs of configs) {
        // Outside the scanned directory: the next run must not see this one's report.
        const out = join(reports, `report-${jobs}.json`);
        // dist/cli.js: the bundle users run (npm run bench rebuilds it first); the compiled sources
        // behind bin/riskgate.js load about 200 modules one by one, 0.15–0.2 s more.
        const args = [join(ROOT, 'dist/cli.js'), 'scan', dir, '--format', 'json', ...(jobs === 'auto' ? [] : ['--jobs', String(jobs)]), '--output', out];
        const start = Date.now();
        const r = timed ? spawnSync('/usr/bin/time', ['-f', 'rss=%M user=%U sys=%S', process.execPath, ...args], { encoding: 'utf8' }) : spawnSync(process.execPath, args, { encoding: 'utf8' });
        const ms = Date.now() - start;
        const rss = /rss=(\d+)/.exec(r.stderr ?? '')?.[1];
        const cpu = /user=([\d.]+) sys=([\d.]+)/.exec(r.stderr ?? '');
        runs.get(jobs)!.push({ ms, rss: rss ? Number(rss) : undefined, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined });
        const text = readFileSync(out, 'utf8');
        if (!outputs.has(jobs)) outputs.set(jobs, text);
        else if (outputs.get(jobs) !== text) outputs.set(jobs, 'DIFFERS BETWEEN ROUNDS');
      }
    }
    const coldMs = median(floors.map((f) => f.coldMs));
    const hotMs = median(floors.map((f) => f.hotMs));
    console.log(`parallel: parse-only floor (js-yaml loadAll + dockerfile-ast, one thread, ${floors[0].files} files), median of ${ROUNDS}: cold ${coldMs} ms (a fresh process, as the CLI is), hot ${hotMs} ms`);
    const walls = new Map<(typeof configs)[number], number>();
    for (const jobs of configs) {
      const list = runs.get(jobs)!;
      const ms = median(list.map((x) => x.ms));
      walls.set(jobs, ms);
      const rss = list.every((x) => x.rss !== undefined) ? Math.max(...list.map((x) => x.rss!)) : undefined;
      const cpu = list.every((x) => x.cpuMs !== undefined) ? median(list.map((x) => (x.cpuMs! * 100) / x.ms)) : undefined;
      // CPU time over wall time: above 100 % with one job means V8's own threads (GC, compiler) use the other cores.
      console.log(
        `parallel: ${files} files, ${jobs === 'auto' ? 'default --jobs (auto)' : `--jobs ${jobs}`}, median of ${ROUNDS} [${list.map((x) => (x.ms / 1000).toFixed(2)).join(', ')}]: ${(ms / 1000).toFixed(2)} s, ${((files / ms) * 1000).toFixed(0)} files/s, ${(ms / coldMs).toFixed(2)}× the cold floor (${(ms / hotMs).toFixed(2)}× hot)${rss ? `, peak RSS ${(rss / 1024).toFixed(0)} MiB` : ''}${cpu !== undefined ? `, CPU ${cpu.toFixed(0)} % of one core` : ''}`,
      );
    }
    const texts = [...outputs.values()];
    console.log(`parallel: 1 → 2 jobs: ${(walls.get(1)! / walls.get(2)!).toFixed(2)}× faster; 1 → auto: ${(walls.get(1)! / walls.get('auto')!).toFixed(2)}× faster; reports ${texts.every((o) => o === texts[0]) ? 'are identical' : 'DIFFER'} (${(texts[0].length / 1e6).toFixed(1)} MB)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(reports, { recursive: true, force: true });
  }
}
