// Builds dist/, what the GitHub Action runs: the compiled action bundled by @vercel/ncc (ESM,
// with the onnxruntime-node JavaScript in a lazily loaded chunk), a dist/index.js entry, and the
// onnxruntime CPU binaries for Linux x64 and arm64 where the bundled binding looks for them
// (dist/bin/napi-v6/linux/<arch>/). Never the CUDA libraries.
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

rmSync(out, { recursive: true, force: true });
execFileSync(process.execPath, [join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js'), 'build', join(root, 'build/src/action/main.js'), '-o', join(out, 'action'), '--license', 'licenses.txt', '--quiet'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' },
});
writeFileSync(join(out, 'index.js'), "// The action's entry (action.yml: main: dist/index.js). The bundle is in dist/action/.\nimport './action/index.js';\n");
writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
for (const arch of ['x64', 'arm64']) {
  const from = join(ort, 'bin/napi-v6/linux', arch);
  const to = join(out, 'bin/napi-v6/linux', arch);
  mkdirSync(to, { recursive: true });
  for (const f of ['onnxruntime_binding.node', 'libonnxruntime.so.1']) {
    if (!existsSync(join(from, f))) throw new Error(`missing ${join(from, f)}: run npm ci first`);
    copyFileSync(join(from, f), join(to, f));
  }
}
copyFileSync(join(ort, '../onnxruntime-common/../onnxruntime-node/README.md'), join(out, 'bin/README-onnxruntime-node.md'));
const license = existsSync(join(ort, 'LICENSE')) ? readFileSync(join(ort, 'LICENSE'), 'utf8') : 'onnxruntime-node is MIT-licensed: Copyright (c) Microsoft Corporation.\n';
writeFileSync(join(out, 'bin/LICENSE-onnxruntime'), license);
console.log(`dist written to ${out}`);
