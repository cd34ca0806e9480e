// The one way riskgate loads js-yaml: its CommonJS build, not the ESM one an `import` resolves to.
//
// Why: js-yaml 5.5's ESM build (dist/js-yaml.mjs) makes the tokeniser's state object with object
// spread (`{ ...DEFAULT_PARSER_OPTIONS, ...options, input, position, line, … }` in parseEvents),
// and V8 then keeps its hot fields out of the object: every access in the tokeniser pays for it.
// The CommonJS build makes the same object through Babel's _objectSpread2 and keeps them in.
// Measured on the 2,026 YAML files of the real-world corpus, parseEvents best of 7: ESM 473 ms,
// CommonJS 155 ms (3.05x). Same code, same results (test/yaml-parser.test.ts checks
// that this is the build the engine and every bundle carry). The report for upstream, with the numbers, is docs/upstream/js-yaml-esm-state.md;
// when a release builds the state without spreads, this module can import it directly.
//
// A CommonJS module (js-yaml-cjs.cts) requires it: `require` resolves js-yaml's "require" export
// condition, the CommonJS file, in Node and in the bundler (ncc follows a static require; it left
// a createRequire call unresolved, which would have needed node_modules at run time).

import yaml from './js-yaml-cjs.cjs';

export const { parseEvents, getScalarValue, EVENT_ID, SCALAR_STYLE, COLLECTION_STYLE, load, loadAll, dump } = yaml;
export type { Event, ScalarEvent } from 'js-yaml';
