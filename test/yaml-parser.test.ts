// riskgate parses YAML with js-yaml's CommonJS build, whose tokeniser state keeps its fields in
// the object (the ESM build's object spread does not, and tokenises about 3x slower: see
// src/core/yaml/js-yaml.ts and bench/parse-floor). Structural checks, no timing: the module the
// engine uses is the CommonJS one, and every bundle in dist/ carries that build, not the ESM one.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as used from '../src/core/yaml/js-yaml.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// The CommonJS build's state object, and the ESM build's (js-yaml 5.5 parseEvents).
const CJS_STATE = '_objectSpread2(_objectSpread2(_objectSpread2({}, DEFAULT_PARSER_OPTIONS), options), {}, {';
const ESM_STATE = /\.\.\.DEFAULT_PARSER_OPTIONS,\s*\.\.\.options,\s*input:/;

test('the engine parses with js-yaml\'s CommonJS build', async () => {
  const cjs = createRequire(import.meta.url)('js-yaml') as typeof used;
  const esm = (await import('js-yaml')) as typeof used;
  assert.equal(used.parseEvents, cjs.parseEvents);
  assert.notEqual(used.parseEvents, esm.parseEvents, 'the ESM build is a different copy');
  assert.ok(readFileSync(createRequire(import.meta.url).resolve('js-yaml'), 'utf8').includes(CJS_STATE), 'the CommonJS file builds its state without object spread');
});

test('every bundle that parses YAML carries the CommonJS build of js-yaml, and none the ESM build', () => {
  for (const bundle of ['action', 'cli', 'scan-worker']) {
    const text = readFileSync(`${ROOT}dist/${bundle}/index.js`, 'utf8');
    assert.ok(text.includes(CJS_STATE), `dist/${bundle} has js-yaml's CommonJS parser`);
    assert.doesNotMatch(text, ESM_STATE, `dist/${bundle} has no copy of the ESM parser`);
  }
});
