#!/usr/bin/env node
// Runs the compiled CLI (built by `npm ci` / `npm run build` into build/).
import '../build/src/cli/run.js';
