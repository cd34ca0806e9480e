// `riskgate resolve FILE…`: each YAML/JSON document as the JSON riskgate checks — aliases
// expanded, merge keys applied, explicit tags and YAML 1.1 scalars resolved, the last of
// duplicate keys kept — so users (and the differential tests) can compare with what kubectl
// and kustomize make of the same file. Ambiguities are listed on standard error.

import { readSource } from '../core/source-file.js';
import { parseYaml } from '../core/yaml/parse.js';
import { toPlain } from '../core/yaml/ast.js';
import { stripControl } from '../core/text.js';
import { parseArgs, UsageError } from './args.js';
import { basename, resolve } from 'node:path';
import { isDir, isDockerfileName } from '../core/discovery.js';
import type { Io } from './main.js';

const MAX_BYTES = 16 * 1024 * 1024;

export async function resolveCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { values: [], flags: [], command: 'resolve' });
  if (!args.positionals.length) throw new UsageError('riskgate resolve needs a file: riskgate resolve FILE…');
  let code = 0;
  const out: unknown[] = [];
  for (const path of args.positionals) {
    const abs = resolve(io.cwd, path);
    const wrong = isDir(abs) ? 'is a directory; riskgate resolve takes manifest files' : isDockerfileName(basename(path)) ? 'is a Dockerfile; riskgate resolve reads YAML and JSON manifests' : null;
    if (wrong) {
      io.stderr(`riskgate: ${stripControl(path)} ${wrong}\n`);
      code = 2;
      continue;
    }
    const read = readSource(abs, path, MAX_BYTES);
    if (!read.ok) {
      io.stderr(`riskgate: ${stripControl(path)}: ${read.reason}\n`);
      code = 2;
      continue;
    }
    const parsed = parseYaml(read.file.text, read.file.lines);
    for (const e of parsed.errors) {
      io.stderr(`riskgate: ${stripControl(path)}: document ${e.index + 1}: invalid YAML at line ${e.line}, column ${e.column}: ${stripControl(e.message)}\n`);
      code = 2;
    }
    for (const doc of parsed.documents) {
      if (doc.root) out.push(toPlain(doc.root));
      for (const a of doc.resolution?.ambiguities ?? []) {
        const at = (n: { start: number }) => read.file.lines.position(n.start).line;
        io.stderr(
          a.kind === 'duplicate'
            ? `riskgate: ${stripControl(path)}:${at(a.won.key)}: duplicate key "${stripControl(a.key)}" (also at line ${at(a.lost.key)}); the last value is used\n`
            : `riskgate: ${stripControl(path)}:${at(a.lost.key)}: "${stripControl(a.key)}" is overridden by the merge at line ${at(a.mergeKey!)} (kubectl apply); kustomize keeps the explicit value\n`,
        );
      }
    }
  }
  await io.stdout(JSON.stringify(out, null, 2) + '\n');
  return code;
}
