import { cpSync, mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A temporary directory filled with copies of directories (`copy`: path in the tree → directory
 * to copy) and then `files` (path → content); removed by the returned cleanup.
 */
export function tempTree(files: Record<string, string | Buffer>, copy: Record<string, string> = {}): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'riskgate-test-'));
  for (const [path, from] of Object.entries(copy)) cpSync(from, join(dir, path), { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
