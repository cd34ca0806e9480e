// The compiler settings of core/util/v8-tuning.ts are set at run time, where V8 ignores a flag it
// does not know without a word: node is asked to start with each one, which it refuses for an
// unknown name. And they come first in each entry, before any hot code is compiled.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COMPILER_FLAGS, compilerFlags } from '../src/core/util/v8-tuning.js';

test('node knows every compiler flag riskgate sets on it, and setting them prints nothing', () => {
  for (const flag of COMPILER_FLAGS) {
    const r = spawnSync(process.execPath, [flag, '-e', '0'], { encoding: 'utf8' });
    assert.equal(r.status, 0, `node ${flag}: ${r.stderr}`);
  }
  const bogus = spawnSync(process.execPath, ['--no-such-v8-flag-riskgate', '-e', '0'], { encoding: 'utf8' });
  assert.notEqual(bogus.status, 0, 'node must refuse an unknown flag, or this test proves nothing');
  // V8 prints "Error: unrecognized flag" on stdout for a name it does not know: a report written there would carry it.
  const tuning = fileURLToPath(new URL('../src/core/util/v8-tuning.js', import.meta.url));
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(tuning)})`], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout + r.stderr, '');
});

test('the flags follow the V8 version: node 20 tuned, later versions left to their defaults', () => {
  assert.deepEqual(compilerFlags('11.3.244.8-node.33'), ['--no-turbo-inlining', '--interrupt-budget=300000']);
  assert.deepEqual(compilerFlags('13.6.233.10-node.28'), []);
  assert.deepEqual(compilerFlags(process.versions.v8), COMPILER_FLAGS);
});

test('the CLI and the action import the compiler settings before anything else', () => {
  for (const entry of ['../src/cli/run.js', '../src/action/main.js']) {
    const text = readFileSync(fileURLToPath(new URL(entry, import.meta.url)), 'utf8');
    const first = /^import\s+(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/m.exec(text);
    assert.equal(first?.[1], '../core/util/v8-tuning.js', entry);
  }
});
