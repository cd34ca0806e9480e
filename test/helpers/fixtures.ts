// Reads fixtures whose expected findings are marked in the file itself: a trailing
// `# expect` (or `# expect N` for N findings) on every line a finding must start on.

import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { defaultConfig, type Config } from '../../src/core/config.js';
import { ruleMetas } from '../../src/rules/index.js';

export const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/', import.meta.url));

export function readFixture(...parts: string[]): string {
  return readFileSync(join(FIXTURES, ...parts), 'utf8');
}

export function listDirs(...parts: string[]): string[] {
  const dir = join(FIXTURES, ...parts);
  return existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
}

/** Expected finding lines as "line" strings, repeated N times for `# expect N`. */
export function expectedLines(text: string, marker = /#\s*expect(?:\s+(\d+))?(?=\s|$|\()/): number[] {
  const out: number[] = [];
  text.split('\n').forEach((line, i) => {
    const m = marker.exec(line);
    if (m) for (let n = 0; n < Number(m[1] ?? 1); n++) out.push(i + 1);
  });
  return out;
}

/** Dockerfiles have no trailing comments: `# expect` (or `# expect N`) on its own line marks the next instruction line. */
export function expectedNextLines(text: string): number[] {
  const lines = text.split('\n');
  const out: number[] = [];
  lines.forEach((line, i) => {
    const m = /^\s*#\s*expect(?:\s+(\d+))?\s*$/.exec(line);
    if (!m) return;
    let next = i + 1;
    while (next < lines.length && /^\s*(#.*)?$/.test(lines[next])) next++;
    for (let n = 0; n < Number(m[1] ?? 1); n++) out.push(next + 1);
  });
  return out.sort((a, b) => a - b);
}

/** A configuration that runs only `ruleId` (enabled even if it is off by default), with optional parameters. */
export function onlyRule(ruleId: string, params?: Record<string, string | number | boolean | string[]>): Config {
  const config = defaultConfig();
  for (const r of ruleMetas()) config.rules[r.id] = { enabled: r.id === ruleId };
  if (params) config.rules[ruleId].params = params;
  return config;
}
