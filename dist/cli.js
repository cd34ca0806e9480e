#!/usr/bin/env node
// The riskgate command as published: the bundle in dist/cli/, with no dependency to install.
// Compiled code cached across runs (node 22.1+; scripts/build-dist.mjs says why).
import module from 'node:module';
const cache = module.enableCompileCache?.();
// The scan worker and the scorer process read the same cache (node reads this variable when it starts).
if (cache?.directory && !process.env.NODE_COMPILE_CACHE) process.env.NODE_COMPILE_CACHE = cache.directory;
await import('./cli/index.js');
