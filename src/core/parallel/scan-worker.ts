// A worker thread of a parallel scan: runs the engine on its share of the units and sends back
// what the reports need (files, findings, resources, and the text of files that have findings,
// for code frames, SARIF fix regions and review suggestions). Parsed trees stay here.

import { parentPort, workerData } from 'node:worker_threads';
import { scan } from '../engine.js';
import type { WorkerRequest, WorkerReply } from './scan-parallel.js';

function run(req: WorkerRequest): WorkerReply {
  const result = scan({ ...req.options, owns: new Set(req.owns) });
  const texts: [string, string][] = [];
  for (const path of new Set(result.findings.map((f) => f.path))) {
    const source = result.sources.get(path);
    if (source) texts.push([path, source.text]);
  }
  return { files: result.files, findings: result.findings, resources: result.resources, renderScopes: result.renderScopes ?? null, texts };
}

if (parentPort) {
  try {
    parentPort.postMessage({ ok: true, reply: run(workerData as WorkerRequest) });
  } catch (e) {
    parentPort.postMessage({ ok: false, error: (e as Error).stack ?? String(e) });
  }
}
