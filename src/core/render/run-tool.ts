// Runs helm or kustomize on pull-request content, which is attacker-controlled: no shell, a
// clean environment (no kubeconfig, no plugins, no helm repositories, a proxy that refuses every
// connection so nothing reaches the network), a time limit and an output-size limit. A failure
// is a message for that one chart or overlay; the scan goes on.

import { spawnSync } from 'node:child_process';
import { availableParallelism, tmpdir } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

export interface ToolLimits {
  /** Seconds one render may take. */
  timeout: number;
  /** Bytes of rendered output accepted. */
  maxOutput: number;
}

export type ToolRun = { ok: true; stdout: string } | { ok: false; reason: string };

/** Finds an executable: a path as given, or a name on PATH. */
export function findExecutable(nameOrPath: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const runnable = (p: string) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (nameOrPath.includes('/') || isAbsolute(nameOrPath)) return runnable(nameOrPath) ? nameOrPath : null;
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) if (runnable(join(dir, nameOrPath + ext))) return join(dir, nameOrPath + ext);
  }
  return null;
}

/** One run of a tool: what runTool takes. */
export interface ToolJob {
  exe: string;
  args: string[];
  cwd: string;
}

/**
 * The environment a tool runs in: HOME and helm's config, cache and data directories point into
 * an empty temporary directory `home` (so no plugins, repositories or registry credentials are
 * found), KUBECONFIG points nowhere, and HTTP(S)_PROXY is a closed local port.
 */
function sealedEnv(home: string): NodeJS.ProcessEnv {
  const refused = 'http://127.0.0.1:9';
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    TMPDIR: home,
    KUBECONFIG: join(home, 'no-kubeconfig'),
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_DATA_HOME: join(home, 'data'),
    HELM_PLUGINS: join(home, 'plugins'),
    HELM_REGISTRY_CONFIG: join(home, 'registry.json'),
    HELM_REPOSITORY_CONFIG: join(home, 'repositories.yaml'),
    HELM_REPOSITORY_CACHE: join(home, 'repository'),
    HTTP_PROXY: refused,
    HTTPS_PROXY: refused,
    http_proxy: refused,
    https_proxy: refused,
    NO_PROXY: '',
    // kustomize clones remote bases with git: only local repositories are allowed.
    GIT_ALLOW_PROTOCOL: 'file',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
  };
}

/** What a finished process left: the fields of spawnSync's result that decide a ToolRun. */
interface Exited {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** ETIMEDOUT, ENOBUFS, or the spawn error's code. */
  error: string | null;
}

function outcome(exe: string, r: Exited, limits: ToolLimits): ToolRun {
  if (r.error) {
    if (r.error === 'ETIMEDOUT') return { ok: false, reason: `took longer than ${limits.timeout} s (render.timeout) and was stopped` };
    if (r.error === 'ENOBUFS') return { ok: false, reason: `printed more than ${limits.maxOutput} bytes (render.maxOutput) and was stopped` };
    return { ok: false, reason: `could not run ${exe} (${r.error})` };
  }
  // The tool's own output, whole (bounded): the caller reduces it to its cause (toolCause).
  if (r.status !== 0) return { ok: false, reason: tail(r.stderr || r.stdout || `exit ${r.status ?? r.signal}`) };
  return { ok: true, stdout: r.stdout };
}

/** Runs `exe args` in `cwd` with a sealed environment (sealedEnv), a time limit and an output limit. */
export function runTool(exe: string, args: string[], cwd: string, limits: ToolLimits): ToolRun {
  const home = mkdtempSync(join(tmpdir(), 'riskgate-render-'));
  try {
    const r = spawnSync(exe, args, { cwd, env: sealedEnv(home), encoding: 'utf8', timeout: limits.timeout * 1000, maxBuffer: limits.maxOutput, killSignal: 'SIGKILL', stdio: ['ignore', 'pipe', 'pipe'] });
    const error = r.error ? ((r.error as NodeJS.ErrnoException).code ?? r.error.message) : null;
    return outcome(exe, { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error }, limits);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** How many renders run at once: one per core, at most four (each helm or kubectl is a busy Go process). */
export function renderConcurrency(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/**
 * Runs several tools at once and returns when all have ended, in the order given, each exactly as
 * runTool would (same environment, limits and messages). The checks are synchronous; proving a
 * chart's or root's fixes renders it once per fix, and those renders are mostly waiting on a
 * child process, so a helper thread starts them together while this thread sleeps in
 * Atomics.wait, `at` at a time (default: renderConcurrency()). One job, or `at` 1 (a machine
 * with one core), runs them one by one with runTool.
 */
export function runTools(jobs: ToolJob[], limits: ToolLimits, at = renderConcurrency()): ToolRun[] {
  if (jobs.length <= 1 || at <= 1) return jobs.map((j) => runTool(j.exe, j.args, j.cwd, limits));
  return startTools(jobs, limits, at).wait();
}

/** Tools started by startTools: `wait()` returns their runs (once; later calls return the same). */
export interface StartedTools {
  wait(): ToolRun[];
}

/** runTools behind startTools's shape, for the renderers' callers that need the runs now. */
export function toolsNow(limits: ToolLimits): (jobs: ToolJob[]) => StartedTools {
  return (jobs) => {
    const runs = runTools(jobs, limits);
    return { wait: () => runs };
  };
}

/**
 * Starts the tools now, on the helper thread, and returns at once: this thread goes on (a scan
 * reads and checks files meanwhile) and collects the runs with `wait()`, each exactly as runTool
 * would give it. On a machine with one core they run one by one at `wait()`.
 */
export function startTools(jobs: ToolJob[], limits: ToolLimits, at = renderConcurrency()): StartedTools {
  let runs: ToolRun[] | null = null;
  if (!jobs.length || at <= 1) return { wait: () => (runs ??= jobs.map((j) => runTool(j.exe, j.args, j.cwd, limits))) };
  const homes = jobs.map(() => mkdtempSync(join(tmpdir(), 'riskgate-render-')));
  const id = nextRequest++;
  const done = new Int32Array(new SharedArrayBuffer(4));
  let h: { worker: Worker; port: MessagePort };
  try {
    h = spawnHelper();
    h.port.postMessage({ id, jobs: jobs.map((j, i) => ({ ...j, env: sealedEnv(homes[i]) })), timeoutMs: limits.timeout * 1000, maxOutput: limits.maxOutput, at, done });
  } catch (e) {
    for (const home of homes) rmSync(home, { recursive: true, force: true });
    throw e;
  }
  return {
    wait: () => {
      if (runs) return runs;
      try {
        // The helper enforces each job's time limit; this bound only guards against the helper itself hanging.
        const waited = Atomics.wait(done, 0, 0, limits.timeout * 1000 * Math.ceil(jobs.length / at) + 10_000);
        const reply = waited === 'timed-out' ? undefined : replyFor(h, id);
        if (!reply) {
          stopHelper();
          return (runs = jobs.map(() => ({ ok: false, reason: 'the render helper did not answer' })));
        }
        return (runs = reply.map((r, i) => outcome(jobs[i].exe, r, limits)));
      } finally {
        for (const home of homes) rmSync(home, { recursive: true, force: true });
      }
    },
  };
}

let nextRequest = 1;
/** Replies that arrived for another request while one was being collected. */
const early = new Map<number, Exited[]>();

/** The helper's reply to request `id`: requests started together may end in any order. */
function replyFor(h: { port: MessagePort }, id: number): Exited[] | undefined {
  for (;;) {
    const have = early.get(id);
    if (have) {
      early.delete(id);
      return have;
    }
    const m = receiveMessageOnPort(h.port)?.message as { id: number; results: Exited[] } | undefined;
    if (!m) return undefined;
    early.set(m.id, m.results);
  }
}

/**
 * The helper thread's code, evaluated as a CommonJS script (so the action's bundle needs no
 * separate file). It runs a request's jobs `at` at a time, no shell, enforcing the time limit
 * (SIGKILL) and the output limit per stream as spawnSync does, then posts the results and wakes
 * the waiting thread.
 */
const HELPER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { spawn } = require('node:child_process');
const port = workerData.port;
port.on('message', async ({ id, jobs, timeoutMs, maxOutput, at, done }) => {
  const results = new Array(jobs.length);
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await runOne(jobs[i], timeoutMs, maxOutput);
    }
  };
  await Promise.all(Array.from({ length: Math.min(at, jobs.length) }, lane));
  port.postMessage({ id, results });
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
});
function runOne(job, timeoutMs, maxOutput) {
  return new Promise((resolve) => {
    const out = { status: null, signal: null, stdout: '', stderr: '', error: null };
    let child;
    try {
      child = spawn(job.exe, job.args, { cwd: job.cwd, env: job.env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      out.error = e.code || e.message;
      return resolve(out);
    }
    const stop = (why) => { if (!out.error) out.error = why; child.kill('SIGKILL'); };
    const timer = setTimeout(() => stop('ETIMEDOUT'), timeoutMs);
    const chunks = { stdout: [], stderr: [] };
    const bytes = { stdout: 0, stderr: 0 };
    for (const name of ['stdout', 'stderr']) {
      child[name].on('data', (d) => {
        bytes[name] += d.length;
        if (bytes[name] > maxOutput) return stop('ENOBUFS');
        chunks[name].push(d);
      });
    }
    child.on('error', (e) => {
      out.error = out.error || e.code || e.message;
      // A process that never started emits no 'close'.
      if (child.pid === undefined) { clearTimeout(timer); resolve(out); }
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      out.status = status;
      out.signal = signal;
      out.stdout = Buffer.concat(chunks.stdout).toString('utf8');
      out.stderr = Buffer.concat(chunks.stderr).toString('utf8');
      resolve(out);
    });
  });
}
`;

let helper: { worker: Worker; port: MessagePort } | null = null;

function spawnHelper(): { worker: Worker; port: MessagePort } {
  if (helper) return helper;
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(HELPER_SOURCE, { eval: true, workerData: { port: port2 }, transferList: [port2] });
  // Kept for the run, but never what keeps the process alive.
  worker.unref();
  port1.unref();
  worker.on('error', () => stopHelper());
  helper = { worker, port: port1 };
  return helper;
}

function stopHelper(): void {
  if (!helper) return;
  void helper.worker.terminate();
  helper.port.close();
  helper = null;
}

/** The tool's output, bounded; toolCause finds the cause in it. */
function tail(s: string): string {
  const text = s.trim();
  return text.length > 16_000 ? text.slice(-16_000) : text;
}
