// Runs riskgate over the peers' labeled test cases (../shared/corpus) and prints, per peer ID,
// how many expected firings riskgate reproduces (recall) and where it fires against the
// peer's "does not fire" cases (false fires). A measuring tool, not a test: the corpus is not
// shipped with the project.
//
//   npm run build && node build/bench/corpus-eval.js [corpus-dir] [--details]

import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scanFiles } from '../src/core/engine.js';
import { defaultConfig } from '../src/core/config.js';
import { ruleMetas } from '../src/rules/index.js';
import { normalizeRef } from '../src/core/suppress.js';

interface Expect { ref: string; fires: boolean; lines?: number[]; name?: string; title?: string }
interface Label { path: string; type: string; expect: Expect[] }

const args = process.argv.slice(2);
const details = args.includes('--details');
const dir = resolve(args.find((a) => !a.startsWith('--')) ?? '../shared/corpus');
if (!existsSync(join(dir, 'labels.jsonl'))) {
  console.error(`no labels.jsonl in ${dir}`);
  process.exit(2);
}
const labels: Label[] = readFileSync(join(dir, 'labels.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

// Evaluate with every rule on, including the opt-in ones: the question is what riskgate can detect.
const config = defaultConfig();
for (const r of ruleMetas()) config.rules[r.id] = { enabled: true };

const byRef = new Map<string, string[]>();
for (const r of ruleMetas()) for (const ref of r.references) byRef.set(normalizeRef(ref), [...(byRef.get(normalizeRef(ref)) ?? []), r.id]);

type Row = { ref: string; name: string; pos: number; hit: number; neg: number; falseFire: number; ruleFires: number; lineMatch: number; lineTotal: number; mapped: boolean; misses: string[]; fps: string[] };
const rows = new Map<string, Row>();
let crashes = 0;
for (const label of labels) {
  const text = readFileSync(join(dir, label.path), 'utf8');
  const kind = label.type === 'dockerfile' ? 'dockerfile' : 'manifest';
  let result;
  try {
    result = scanFiles([{ path: label.path, text, kind }], config);
  } catch (e) {
    crashes++;
    console.error(`CRASH ${label.path}: ${(e as Error).stack}`);
    continue;
  }
  for (const e of label.expect) {
    const ref = normalizeRef(e.ref);
    const row = rows.get(ref) ?? { ref: e.ref, name: e.name ?? e.title ?? '', pos: 0, hit: 0, neg: 0, falseFire: 0, ruleFires: 0, lineMatch: 0, lineTotal: 0, mapped: byRef.has(ref), misses: [], fps: [] };
    rows.set(ref, row);
    const rules = new Set(byRef.get(ref) ?? []);
    // A finding counts for a peer ID when it cites that ID (its condition's references), not merely
    // because its rule lists the ID somewhere: that is what a team mapping findings to controls sees.
    const found = result.findings.filter((f) => rules.has(f.ruleId) && f.references.some((x) => normalizeRef(x) === ref));
    const ruleFired = result.findings.some((f) => rules.has(f.ruleId));
    if (e.fires) {
      row.pos++;
      if (found.length) row.hit++;
      else row.misses.push(label.path);
      if (e.lines?.length) {
        const lines = new Set(found.map((f) => f.line));
        row.lineTotal += e.lines.length;
        row.lineMatch += e.lines.filter((l) => lines.has(l)).length;
      }
    } else {
      row.neg++;
      if (ruleFired) row.ruleFires++;
      if (found.length) {
        row.falseFire++;
        row.fps.push(`${label.path}:${found.map((f) => `${f.line} ${f.ruleId}`).join(',')}`);
      }
    }
  }
}

const all = [...rows.values()].sort((a, b) => a.ref.localeCompare(b.ref));
const mapped = all.filter((r) => r.mapped);
const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(0)}%` : '-');
console.log(`peer ID | name | recall | false fires (cited) | rule fired on negatives | line agreement`);
for (const r of mapped) {
  console.log(`${r.ref} | ${r.name.slice(0, 50)} | ${r.hit}/${r.pos} ${pct(r.hit, r.pos)} | ${r.falseFire}/${r.neg} | ${r.ruleFires}/${r.neg} | ${r.lineTotal ? pct(r.lineMatch, r.lineTotal) : '-'}`);
  if (details) {
    for (const m of r.misses) console.log(`    miss: ${m}`);
    for (const f of r.fps) console.log(`    false fire: ${f}`);
  }
}
const sum = (f: (r: Row) => number, rs: Row[]) => rs.reduce((a, r) => a + f(r), 0);
console.log('');
console.log(`peer IDs in corpus: ${all.length}; mapped to a riskgate rule: ${mapped.length}; not mapped (out of scope): ${all.length - mapped.length}`);
for (const tool of ['kics', 'checkov']) {
  const rs = mapped.filter((r) => r.ref.toLowerCase().startsWith(tool));
  console.log(`${tool}: recall ${sum((r) => r.hit, rs)}/${sum((r) => r.pos, rs)} (${pct(sum((r) => r.hit, rs), sum((r) => r.pos, rs))}), false fires ${sum((r) => r.falseFire, rs)}/${sum((r) => r.neg, rs)} (the rule fired on ${sum((r) => r.ruleFires, rs)}), line agreement ${pct(sum((r) => r.lineMatch, rs), sum((r) => r.lineTotal, rs))}`);
}
// The issue's bar, per peer ID: recall >= 0.95 and false fires <= 0.03.
const meets = mapped.filter((r) => (r.pos === 0 || r.hit / r.pos >= 0.95) && (r.neg === 0 || r.falseFire / r.neg <= 0.03));
console.log(`peer IDs meeting recall >= 95% and false fires <= 3%: ${meets.length}/${mapped.length}`);
console.log(`crashes: ${crashes}`);
if (args.includes('--unmapped')) for (const r of all.filter((r) => !r.mapped)) console.log(`unmapped: ${r.ref} ${r.name}`);
