// Stages hand data forward: the engine calls rendering, and rendering never calls back into the
// engine through a module it imports at run time (a rendered scan's text is scanned through the
// `scanText` it is handed). The fix stages (riskgate fix, core/fix, render/fix-rendered.ts) run
// after a scan and may use the engine; the modules the scan itself loads must not reach them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function runtimeImports(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.js')) {
        // Compiled output: type-only imports are gone, what is left loads at run time.
        const text = readFileSync(p, 'utf8');
        out.set(p, [...text.matchAll(/^(?:import|export)\s+(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gm)].map((m) => resolve(dirname(p), m[1])));
      }
    }
  };
  walk(SRC);
  return out;
}

test('no module the engine loads imports the engine back (render and fix stages hand data forward)', () => {
  const deps = runtimeImports();
  const engine = join(SRC, 'core/engine.js');
  const cycles: string[] = [];
  const path: string[] = [];
  const done = new Set<string>();
  const visit = (f: string) => {
    if (path.includes(f)) {
      if (f === engine) cycles.push([...path, f].map((x) => relative(SRC, x)).join(' -> '));
      return;
    }
    if (done.has(f)) return;
    path.push(f);
    for (const d of deps.get(f) ?? []) visit(d);
    path.pop();
    done.add(f);
  };
  visit(engine);
  assert.ok(deps.size > 50, `${deps.size} modules read`);
  assert.deepEqual(cycles, []);
});
