#!/usr/bin/env node
// Development entry: runs the compiled sources in build/ (npm test and npm run build compile
// them), which is what the tests exercise. The published command is dist/cli.js (package.json
// "bin"), the bundle; without a build/ this falls back to it.
import { existsSync } from 'node:fs';

const compiled = new URL('../build/src/cli/run.js', import.meta.url);
await import(existsSync(compiled) ? compiled.href : new URL('../dist/cli/index.js', import.meta.url).href);
