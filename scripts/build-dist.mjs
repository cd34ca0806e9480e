// Builds dist/, what users run: the GitHub Action and the npm package's command line.
// - dist/action/: the action (action.yml: main: dist/index.js), bundled by @vercel/ncc;
// - dist/cli/: the `riskgate` command, bundled the same way, so installing riskgate from npm
//   installs no dependency and runs no install script (onnxruntime-node's would download CUDA
//   libraries; it is a build-time dependency only);
// - dist/scorer/: the process the risk model runs in (see src/core/risk/scorer-process.ts);
// - dist/scan-worker/: a worker thread of a parallel scan (src/core/parallel/scan-worker.ts);
// - dist/bin/napi-v6/<platform>/<arch>/: onnxruntime's CPU binaries where the bundled binding
//   looks for them, for every platform onnxruntime-node ships: linux x64/arm64, darwin arm64,
//   win32 x64. Never CUDA, TensorRT, DirectML, WebGPU (dxcompiler/dxil) or win32 arm64: the CPU
//   provider needs none of them (DirectML.dll is a delay-loaded import of onnxruntime.dll, loaded
//   only when that provider is asked for).
//
//   npm run bundle            (tsc, then this script)
//   node scripts/build-dist.mjs [outDir]

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? join(root, 'dist'));
const ort = join(root, 'node_modules/onnxruntime-node');

/** What each platform's CPU runtime needs: the binding and the library it links. */
export const RUNTIME_FILES = {
  'linux/x64': ['onnxruntime_binding.node', 'libonnxruntime.so.1'],
  'linux/arm64': ['onnxruntime_binding.node', 'libonnxruntime.so.1'],
  'darwin/arm64': ['onnxruntime_binding.node', 'libonnxruntime.1.dylib'],
  'win32/x64': ['onnxruntime_binding.node', 'onnxruntime.dll'],
};

rmSync(out, { recursive: true, force: true });
const bundles = { action: 'build/src/action/main.js', cli: 'build/src/cli/run.js', scorer: 'build/src/core/risk/scorer-process.js', 'scan-worker': 'build/src/core/parallel/scan-worker.js' };
for (const [name, entry] of Object.entries(bundles)) {
  execFileSync(process.execPath, [join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js'), 'build', join(root, entry), '-o', join(out, name), '--license', 'licenses.txt', '--quiet'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' },
  });
}
writeFileSync(join(out, 'index.js'), "// The action's entry (action.yml: main: dist/index.js). The bundle is in dist/action/.\nimport './action/index.js';\n");
// The command's entry turns on node's compile cache (node 22.1 and later; NODE_DISABLE_COMPILE_CACHE=1
// turns it off) before the bundle loads: the bytecode of riskgate's own bundles (this one, the scan
// worker, the scorer) is kept in the OS temp directory, about 40 ms of each run's start measured
// on the bench set (node 24). Only riskgate's code is cached, never a scanned file. The action does
// not: each of its runs starts on a fresh runner, where a cache is only written, never read.
writeFileSync(
  join(out, 'cli.js'),
  "#!/usr/bin/env node\n// The riskgate command as published: the bundle in dist/cli/, with no dependency to install.\n// Compiled code cached across runs (node 22.1+; scripts/build-dist.mjs says why).\nimport module from 'node:module';\nconst cache = module.enableCompileCache?.();\n// The scan worker and the scorer process read the same cache (node reads this variable when it starts).\nif (cache?.directory && !process.env.NODE_COMPILE_CACHE) process.env.NODE_COMPILE_CACHE = cache.directory;\nawait import('./cli/index.js');\n",
  { mode: 0o755 },
);
writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
for (const [platform, files] of Object.entries(RUNTIME_FILES)) {
  const from = join(ort, 'bin/napi-v6', platform);
  const to = join(out, 'bin/napi-v6', platform);
  mkdirSync(to, { recursive: true });
  for (const f of files) {
    if (!existsSync(join(from, f))) throw new Error(`missing ${join(from, f)}: run npm ci first`);
    copyFileSync(join(from, f), join(to, f));
  }
}
copyFileSync(join(ort, 'README.md'), join(out, 'bin/README-onnxruntime-node.md'));
const license = existsSync(join(ort, 'LICENSE')) ? readFileSync(join(ort, 'LICENSE'), 'utf8') : 'onnxruntime-node is MIT-licensed: Copyright (c) Microsoft Corporation.\n';
writeFileSync(join(out, 'bin/LICENSE-onnxruntime'), license);
console.log(`dist written to ${out}`);
