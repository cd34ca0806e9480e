// How precisely findings of a rendered chart or Kustomize root land on the files people edit:
// findings by `rendered.precision` (values, template, expression, exact, fallback), proved fixes,
// and time. Prints numbers; asserts nothing.
//
//   npm run build && node build/bench/render-precision.js <dir> <chart-or-root-path> ['<.riskgate.yaml text>']

import { scan } from '../src/core/engine.js';
import { parseConfig } from '../src/core/config.js';
import { ruleMetas } from '../src/rules/index.js';

const [cwd, path, configText] = process.argv.slice(2);
if (!cwd || !path) throw new Error('usage: node build/bench/render-precision.js <dir> <chart-or-root-path> [config yaml]');
const config = parseConfig(configText ?? '', '(argument)', ruleMetas());
const t = performance.now();
const r = scan({ paths: [path], cwd, root: cwd, config });
const ms = performance.now() - t;
const by: Record<string, number> = {};
for (const f of r.findings) if (f.rendered) by[f.rendered.precision] = (by[f.rendered.precision] ?? 0) + 1;
const n = Object.values(by).reduce((a, b) => a + b, 0);
const fallback = by.fallback ?? 0;
console.log(`${path}: ${n} findings, ${n - fallback} at an exact place ${JSON.stringify(by)}, ${fallback} at a fallback; ${r.findings.filter((f) => f.rendered && f.fix).length} proved fixes; ${r.resources.filter((x) => x.rendered).length} resources; ${ms.toFixed(0)} ms`);
for (const f of r.findings) if (f.rendered?.precision === 'fallback') console.log(`  fallback: ${f.path}:${f.line} ${f.ruleId} ${(f.notes ?? []).join(' | ')}`);
