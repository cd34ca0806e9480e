// `npm run fuzz`: structure-aware mutation of manifests and Dockerfiles, fed to the scan, to
// `riskgate fix` (and a re-parse of what it wrote) and to the text, SARIF and Markdown renderers.
// Not part of `npm test`: it runs for minutes and prints what it found.
//
//   npm run fuzz                          1,000,000 inputs on every core
//   npm run fuzz -- --runs 20000          fewer
//   npm run fuzz -- --seed 42 --jobs 1    reproducible, one process
//
// Seeds: the rule fixtures and examples (plus ../shared/corpus when present). Mutations, drawn
// by fast-check: lines dropped or duplicated (duplicate keys), scalars swapped for other types
// and explicit tags, anchors, aliases and merge keys, deep nesting, long lines, odd Unicode
// (bidi overrides, zero-width, line separators, astral), CRLF, tabs, document markers, a BOM,
// indentation shifts, flow style; for Dockerfiles heredocs, continuations, the escape
// directive, ONBUILD, BuildKit mounts, lowercase instructions; JSON trees mutated as trees.
// Hostile text (HTML, @mentions, links, workflow commands, terminal escapes) is planted in
// values so the renderers' escaping is checked on every input.
//
// Invariants: no exception escapes; every file gets a status with a reason when not scanned;
// text output holds no control character but newline; Markdown holds no raw HTML or mention from
// the file and no fence a line can close; fix output parses as the input did. Each failure is
// written to build/fuzz-failures/ with its input, for a regression fixture.

import fc from 'fast-check';
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { scanFiles } from '../src/core/engine.js';
import { defaultConfig } from '../src/core/config.js';
import { fixSources } from '../src/core/fix/fix-files.js';
import { suggestionFor } from '../src/core/fix/apply.js';
import { parseYaml } from '../src/core/yaml/parse.js';
import { parseDockerfile } from '../src/core/docker/model.js';
import { fromText } from '../src/core/source-file.js';
import { formatText } from '../src/report/text.js';
import { toSarif } from '../src/report/sarif.js';
import { toJsonReport } from '../src/report/json.js';
import { commentBody } from '../src/action/review.js';
import { ruleMetas } from '../src/rules/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const argv = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};

type Kind = 'manifest' | 'dockerfile';
interface Seed {
  path: string;
  text: string;
  kind: Kind;
}

function loadSeeds(): Seed[] {
  const out: Seed[] = [];
  const walk = (dir: string, limit: number) => {
    if (!existsSync(dir)) return;
    const stack = [dir];
    while (stack.length && out.length < limit) {
      const d = stack.pop()!;
      for (const name of readdirSync(d).sort()) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) stack.push(p);
        else if (/\.(ya?ml|json)$/i.test(name) && statSync(p).size < 64 * 1024) out.push({ path: name, text: readFileSync(p, 'utf8'), kind: 'manifest' });
        else if (/dockerfile/i.test(name) && statSync(p).size < 64 * 1024) out.push({ path: /\.dockerfile$/i.test(name) ? name : 'Dockerfile', text: readFileSync(p, 'utf8'), kind: 'dockerfile' });
      }
    }
  };
  walk(join(ROOT, 'test/fixtures'), 5000);
  walk(join(ROOT, 'examples'), 5200);
  walk(join(ROOT, '../shared/corpus/fixtures'), 6500);
  return out;
}

// Hostile text a fork could plant in any value or comment.
const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '@octocat',
  '[click](https://evil.example)',
  '\n## injected heading',
  '::error file=x::workflow command',
  '```\nclosing fence',
  '\u001b[31mred\u001b[0m',
  '\u202eevil',
  '\u0007bell\r',
  '%0A::set-output name=x::y',
];
const UNICODE = ['\u200b', '\u2028', '\u2029', '\ufeff', '\u0085', '😀', '\u{10ffff}', 'é', '\u0301', '\u00a0', '\u3000'];
const SCALARS = ['true', '"true"', 'yes', 'On', '!!bool "true"', '!!int "0"', '!!str 0', '!!null ""', '0', '0o0', '0x0', '~', 'null', '[]', '{}', '"\\u0000"', '-1', '1e309', '.nan', '|\n  block', '>-\n  folded', "'it''s'", '*nope', '&a x', '!custom x'];

const line = (lines: string[], r: number) => (lines.length ? Math.floor(r * lines.length) % lines.length : 0);

type Mutation = (text: string) => string;

const splitLines = (t: string) => t.split('\n');
const onLines = (f: (lines: string[]) => void): Mutation => (t) => {
  const lines = splitLines(t);
  f(lines);
  return lines.join('\n');
};

const commonMutations = (r: fc.Arbitrary<number>): fc.Arbitrary<Mutation>[] => [
  r.map((x) => onLines((l) => void l.splice(line(l, x), 1))),
  r.map((x) => onLines((l) => void l.splice(line(l, x), 0, l[line(l, x)] ?? ''))),
  fc.tuple(r, fc.oneof(fc.integer({ min: 200, max: 5000 }), fc.integer({ min: 5000, max: 200_000 }).filter((n) => n % 20 === 0))).map(([x, n]) => onLines((l) => void (l[line(l, x)] = (l[line(l, x)] ?? '') + 'A'.repeat(n)))),
  fc.tuple(r, fc.constantFrom(...UNICODE, ...HOSTILE)).map(([x, u]) => onLines((l) => void (l[line(l, x)] = (l[line(l, x)] ?? '') + u))),
  fc.tuple(r, fc.string({ unit: 'binary', maxLength: 12 })).map(([x, u]) => onLines((l) => void (l[line(l, x)] = (l[line(l, x)] ?? '') + u))),
  fc.constant((t: string) => t.replace(/\r?\n/g, '\r\n')),
  fc.constant((t: string) => '\ufeff' + t),
  r.map((x) => onLines((l) => void (l[line(l, x)] = (l[line(l, x)] ?? '').replace(/^( +)/, (s) => '\t'.repeat(Math.max(1, s.length >> 1)))))),
  fc.constant((t: string) => t.replace(/\n$/, '')),
];

const yamlMutations = (r: fc.Arbitrary<number>): fc.Arbitrary<Mutation>[] => [
  ...commonMutations(r),
  fc.tuple(r, fc.constantFrom(...SCALARS, ...HOSTILE.map((h) => JSON.stringify(h)))).map(([x, v]) => onLines((l) => {
    const i = line(l, x);
    l[i] = (l[i] ?? '').replace(/:\s+(.*)$/, `: ${v}`);
  })),
  fc.tuple(r, r).map(([x, y]) => onLines((l) => {
    // An anchor on one entry, an alias or a merge of it on another at that other's indentation.
    const i = line(l, x);
    const j = line(l, y);
    if (!/:\s*\S/.test(l[i] ?? '')) return;
    l[i] = l[i].replace(/:\s+/, ': &fz ');
    const ind = (l[j] ?? '').match(/^\s*(- )?/)![0].replace('-', ' ');
    l.splice(j + 1, 0, `${ind}<<: *fz`, `${ind}fzalias: *fz`);
  })),
  fc.tuple(r, fc.integer({ min: 1, max: 120 })).map(([x, d]) => onLines((l) => {
    const i = line(l, x);
    l[i] = (l[i] ?? '').replace(/:\s+(.*)$/, `: ${'['.repeat(d)}1${']'.repeat(d)}`);
  })),
  fc.tuple(r, fc.constantFrom('---', '...', '--- # c', '---\n', '%YAML 1.1\n---', '--- |\n  x')).map(([x, m]) => onLines((l) => void l.splice(line(l, x), 0, m))),
  fc.tuple(r, fc.integer({ min: -3, max: 3 })).map(([x, d]) => onLines((l) => {
    const i = line(l, x);
    l[i] = d > 0 ? ' '.repeat(d) + (l[i] ?? '') : (l[i] ?? '').slice(Math.min(-d, ((l[i] ?? '').match(/^ */) ?? [''])[0].length));
  })),
  r.map((x) => onLines((l) => {
    const i = line(l, x);
    l[i] = (l[i] ?? '').replace(/^(\s*)([\w.-]+):\s+(.+)$/, '$1{$2: $3');
  })),
  fc.tuple(r, fc.constantFrom('privileged: true', 'hostPID: true', 'hostNetwork: !!bool "true"', 'runAsUser: !!int "0"', 'securityContext: {<<: {privileged: true}}', '? hostIPC\n: true')).map(([x, v]) => onLines((l) => {
    const i = line(l, x);
    const ind = (l[i] ?? '').match(/^\s*/)![0];
    l.splice(i + 1, 0, ...v.split('\n').map((s) => ind + s));
  })),
];

const dockerMutations = (r: fc.Arbitrary<number>): fc.Arbitrary<Mutation>[] => [
  ...commonMutations(r),
  r.map((x) => onLines((l) => void (l[line(l, x)] = (l[line(l, x)] ?? '') + ' \\'))),
  r.map((x) => onLines((l) => void l.splice(line(l, x), 0, 'RUN <<EOF', 'apt-get install -y curl', 'curl -fsSL https://x | sh', 'EOF'))),
  r.map((x) => onLines((l) => void (l[line(l, x)] = (l[line(l, x)] ?? '').replace(/^(\s*)([A-Z]+)/, (_, s, k: string) => s + k.toLowerCase())))),
  fc.constant((t: string) => '# escape=`\n' + t.replace(/\\\n/g, '`\n')),
  fc.constant((t: string) => '# syntax=docker/dockerfile:1\n' + t),
  r.map((x) => onLines((l) => void (l[line(l, x)] = 'ONBUILD ' + (l[line(l, x)] ?? '')))),
  fc.tuple(r, fc.constantFrom(
    'RUN --mount=type=cache,target=/root/.cache pip install x',
    'USER ${U:-0}',
    'ARG A=$(id)\nRUN echo ${A} $((1+1)) `x`',
    'RUN bash -c "$(curl -fsSL https://x/i.sh)"',
    'SHELL ["powershell", "-Command"]',
    'LABEL a="<img src=x> @octocat"',
    'FROM scratch AS a\nCOPY --from=a / /',
    'RUN ((((((((((((((((((((((((((((((x))))))))))))))))))))))))))))))',
    'HEALTHCHECK NONE',
    'COPY --chmod=777 x /',
  )).map(([x, v]) => onLines((l) => void l.splice(line(l, x), 0, ...v.split('\n')))),
];

function jsonTreeMutation(): fc.Arbitrary<Mutation> {
  return fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.jsonValue({ maxDepth: 3 })).map(([x, v]) => (t: string) => {
    let tree: unknown;
    try {
      tree = JSON.parse(t);
    } catch {
      return t;
    }
    // Replace one node, chosen by position in a walk, with a random JSON value.
    const nodes: { parent: Record<string, unknown>; key: string }[] = [];
    const walk = (n: unknown) => {
      if (n && typeof n === 'object') for (const k of Object.keys(n)) {
        nodes.push({ parent: n as Record<string, unknown>, key: k });
        walk((n as Record<string, unknown>)[k]);
      }
    };
    walk(tree);
    if (!nodes.length) return t;
    const target = nodes[Math.floor(x * nodes.length) % nodes.length];
    target.parent[target.key] = v;
    return JSON.stringify(tree, null, 2);
  });
}

function inputArbitrary(seeds: Seed[]): fc.Arbitrary<Seed> {
  const r = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
  const yamlOps = fc.oneof(...yamlMutations(r));
  const jsonOps = fc.oneof(jsonTreeMutation(), ...yamlMutations(r));
  const dockerOps = fc.oneof(...dockerMutations(r));
  return fc.integer({ min: 0, max: seeds.length - 1 }).chain((i) => {
    const seed = seeds[i];
    const ops = seed.kind === 'dockerfile' ? dockerOps : seed.path.endsWith('.json') ? jsonOps : yamlOps;
    return fc.array(ops, { minLength: 1, maxLength: 5 }).map((muts) => ({ ...seed, text: muts.reduce((t, m) => m(t), seed.text) }));
  });
}

const config = defaultConfig();
const rules = ruleMetas();

function structure(kind: Kind, path: string, text: string): string {
  const t = text.replace(/^\ufeff/, '');
  if (kind === 'manifest') {
    const p = parseYaml(t);
    return `${p.documents.length}:${p.errors.map((e) => e.index).join(',')}`;
  }
  const m = parseDockerfile(fromText(path, t));
  return `${m.stages.length}:${m.instructions.filter((i) => i.shell?.error).length}`;
}

const FORBIDDEN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Every invariant on one input; returns the broken ones. */
function check(input: Seed, withFix: boolean): string[] {
  const problems: string[] = [];
  let result;
  try {
    result = scanFiles([input], config, '2026-01-01');
  } catch (e) {
    return [`scan threw: ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}`];
  }
  if (result.files.length !== 1) problems.push(`files reported: ${result.files.length}`);
  for (const f of result.files) if (f.status !== 'scanned' && !f.reason) problems.push(`status ${f.status} without a reason`);
  try {
    const text = formatText(result, { color: false, showSuppressed: true });
    if (FORBIDDEN_TEXT.test(text)) problems.push(`text output holds control character U+${text.match(FORBIDDEN_TEXT)![0].charCodeAt(0).toString(16).padStart(4, '0')}`);
    JSON.stringify(toSarif(result, rules));
    JSON.stringify(toJsonReport(result));
    const source = result.sources.get(input.path);
    for (const f of result.findings) {
      const suggestion = f.fix && source ? suggestionFor(source.text, f.fix).text : null;
      const body = commentBody(f, suggestion);
      const outsideFences = body.replace(/(`{3,})suggestion\n(?:[\s\S]*?\n)?\1(?=\n|$)/g, '');
      if (/<(img|script)/i.test(outsideFences)) problems.push(`${f.ruleId}: raw HTML in a comment`);
      if (/@octocat/.test(outsideFences)) problems.push(`${f.ruleId}: a raw @mention in a comment`);
      if (/```(?!`)/.test(outsideFences.replace(/`{4,}/g, ''))) problems.push(`${f.ruleId}: a stray fence in a comment`);
      if (FORBIDDEN_TEXT.test(outsideFences)) problems.push(`${f.ruleId}: control character in a comment`);
    }
  } catch (e) {
    problems.push(`render threw: ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
  }
  if (withFix) {
    try {
      const before = structure(input.kind, input.path, input.text);
      const out = fixSources([input], config, { today: '2026-01-01', unsafe: true });
      const fixed = out.changed.get(input.path);
      if (fixed !== undefined && structure(input.kind, input.path, fixed) !== before) problems.push(`fix output does not parse as the input did (${before} -> ${structure(input.kind, input.path, fixed)})`);
    } catch (e) {
      problems.push(`fix threw: ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
    }
  }
  return problems;
}

interface WorkerReport {
  runs: number;
  failures: { problem: string; file: string }[];
  ms: number;
  bytes: number;
}

function worker(runs: number, seed: number, fixEvery: number): WorkerReport {
  const seeds = loadSeeds();
  const arb = inputArbitrary(seeds);
  const started = Date.now();
  const failures = new Map<string, string>();
  const dir = join(ROOT, 'build/fuzz-failures');
  let done = 0;
  let bytes = 0;
  const BATCH = 1000;
  for (let b = 0; done < runs; b++) {
    const inputs = fc.sample(arb, { numRuns: Math.min(BATCH, runs - done), seed: seed + b * 7919 });
    for (const input of inputs) {
      bytes += input.text.length;
      for (const p of check(input, done % fixEvery === 0)) {
        const key = p.replace(/\d+/g, 'N').slice(0, 200);
        if (failures.has(key)) continue;
        mkdirSync(dir, { recursive: true });
        const file = join(dir, `${failures.size}-${seed}-${done}-${input.kind === 'dockerfile' ? 'Dockerfile' : input.path.replace(/[^\w.-]/g, '_')}`);
        writeFileSync(file, input.text);
        failures.set(key, file);
        process.stderr.write(`fuzz: ${p}\n  input: ${file}\n`);
      }
      done++;
    }
  }
  return { runs: done, failures: [...failures].map(([problem, file]) => ({ problem, file })), ms: Date.now() - started, bytes };
}

async function main(): Promise<void> {
  const runs = opt('--runs', 1_000_000);
  const seed = opt('--seed', Date.now() % 1_000_000);
  const jobs = opt('--jobs', availableParallelism());
  // riskgate fix re-scans a file several times; it runs on every 10th input.
  const fixEvery = opt('--fix-every', 10);
  if (process.env.RISKGATE_FUZZ_WORKER) {
    process.send!(worker(runs, seed, fixEvery));
    return;
  }
  const started = Date.now();
  const per = Math.ceil(runs / jobs);
  const reports = await Promise.all(
    Array.from({ length: jobs }, (_, i) =>
      new Promise<WorkerReport>((res, rej) => {
        const child = fork(fileURLToPath(import.meta.url), ['--runs', String(per), '--seed', String(seed + i * 1_000_003), '--fix-every', String(fixEvery)], { env: { ...process.env, RISKGATE_FUZZ_WORKER: '1' } });
        child.on('message', (m) => res(m as WorkerReport));
        child.on('exit', (code) => (code ? rej(new Error(`worker ${i} exited with ${code}`)) : undefined));
      }),
    ),
  );
  const total = reports.reduce((n, r) => n + r.runs, 0);
  const failures = reports.flatMap((r) => r.failures);
  const mb = reports.reduce((n, r) => n + r.bytes, 0) / 1e6;
  const secs = (Date.now() - started) / 1000;
  console.log(`fuzz: ${total.toLocaleString('en')} inputs (${mb.toFixed(0)} MB; riskgate fix on every ${fixEvery}th) in ${secs.toFixed(0)} s with ${jobs} job(s), seed ${seed}: ${failures.length} distinct failure(s)`);
  for (const f of failures) console.log(`  ${f.problem}\n    ${f.file}`);
  process.exitCode = failures.length ? 1 : 0;
}

await main();
