// dist/ is what users run: it must be exactly what the sources build (npm run bundle), and the
// README's input and output tables must be what action.yml says.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { renderActionTables } from '../scripts/action-docs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function hashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

test('dist/ is up to date with the sources (npm run bundle)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'riskgate-dist-'));
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-dist.mjs'), tmp], { cwd: ROOT, stdio: 'pipe' });
    const want = hashes(tmp);
    const have = hashes(join(ROOT, 'dist'));
    const stale = [...new Set([...want.keys(), ...have.keys()])].filter((k) => want.get(k) !== have.get(k)).sort();
    assert.deepEqual(stale, [], 'dist/ differs from a fresh build: run npm run bundle and commit dist/');
    assert.ok(![...have.keys()].some((k) => /cuda|tensorrt|providers_shared|directml|dxcompiler|dxil|win32\/arm64/i.test(k)), "no CUDA, TensorRT, DirectML, WebGPU or win32-arm64 files in dist/");
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('README input and output tables match action.yml (npm run docs)', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const tables = renderActionTables(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
  assert.ok(readme.includes(tables), 'README tables are stale: run npm run docs');
});

test('the published command keeps its compiled code, and its worker\'s and scorer\'s, in node\'s compile cache', () => {
  const module = (process as unknown as { getBuiltinModule?: (m: string) => { enableCompileCache?: unknown } }).getBuiltinModule?.('node:module');
  if (typeof module?.enableCompileCache !== 'function') {
    // Node before 22.1 has no compile cache: the command must still run.
    assert.match(execFileSync(process.execPath, [join(ROOT, 'dist/cli.js'), '--version'], { encoding: 'utf8' }), /^riskgate /);
    return;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'riskgate-cache-'));
  try {
    const env = { ...process.env, TMPDIR: tmp, NODE_COMPILE_CACHE: '', NODE_DISABLE_COMPILE_CACHE: '' };
    delete (env as Record<string, string | undefined>).NODE_COMPILE_CACHE;
    delete (env as Record<string, string | undefined>).NODE_DISABLE_COMPILE_CACHE;
    // Enough Dockerfiles beside manifests for the Dockerfile worker (scan-parallel.ts), and a score.
    const out = execFileSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'scan', join(ROOT, 'test/fixtures/docker'), join(ROOT, 'examples'), '--format', 'json', '--fail-on', 'none'], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
    assert.ok(JSON.parse(out).findings.length > 0);
    const dir = join(tmp, 'node-compile-cache');
    const entries = readdirSync(dir).flatMap((v) => readdirSync(join(dir, v)));
    assert.ok(entries.length >= 3, `expected the command, worker and scorer bundles cached, found ${entries.length}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
