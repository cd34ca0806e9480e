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

/** A configuration that runs only `ruleId` (enabled even if it is off by default). */
export function onlyRule(ruleId: string): Config {
  const config = defaultConfig();
  for (const r of ruleMetas()) config.rules[r.id] = { enabled: r.id === ruleId };
  return config;
}
