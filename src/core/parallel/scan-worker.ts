// A worker thread of a parallel scan: runs the engine on its share of the units and sends back
// what the reports need (files, findings, resources, and the text of files that have findings,
// for code frames, SARIF fix regions and review suggestions). Parsed trees stay here.
//
// Cross-object facts: the worker reads only its own manifests, posts their index copies
// (k8s/slim-object.ts) to the main thread, checks its Dockerfiles meanwhile, then sleeps until the
// main thread has every worker's copies and answers with all of them (IndexExchange).

import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { scan, type IndexExchange } from '../engine.js';
import { fromWire, toWire, type WireObject } from '../k8s/slim-wire.js';
import type { KubeObject } from '../k8s/objects.js';
import { append } from '../util/append.js';
import type { WorkerRequest, WorkerReply } from './scan-parallel.js';

export interface ExchangeChannel {
  port: MessagePort;
  /** Set to 1 by the main thread when the answer is on the port. */
  ready: Int32Array;
}

/** One file's index copies as JSON (a string crosses threads far more cheaply than nested arrays). */
export type IndexChunk = [path: string, json: string];
/** The main thread's answer: every file's chunk in scan order; null stands for the worker's own file. */
export type IndexOrder = [path: string, json: string | null][];

function exchangeOver(channel: ExchangeChannel): IndexExchange {
  const own = new Map<string, KubeObject[]>();
  return {
    publish: (mine) => {
      for (const o of mine) append(own, o.path, o);
      const chunks: IndexChunk[] = [...own].map(([path, objects]) => [path, JSON.stringify(objects.map(toWire))]);
      channel.port.postMessage(chunks);
    },
    receive: () => {
      Atomics.wait(channel.ready, 0, 0);
      const order = receiveMessageOnPort(channel.port)?.message as IndexOrder | undefined;
      if (!order) throw new Error('the main thread sent no cross-object index');
      const all: KubeObject[] = [];
      for (const [path, json] of order) for (const o of json === null ? (own.get(path) ?? []) : (JSON.parse(json) as WireObject[]).map(fromWire)) all.push(o);
      return all;
    },
  };
}

function run(req: WorkerRequest): WorkerReply {
  const result = scan({ ...req.options, owns: new Set(req.owns), exchange: req.exchange ? exchangeOver(req.exchange) : undefined });
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
