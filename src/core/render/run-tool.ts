// Runs helm or kustomize on pull-request content, which is attacker-controlled: no shell, a
// clean environment (no kubeconfig, no plugins, no helm repositories, a proxy that refuses every
// connection so nothing reaches the network), a time limit and an output-size limit. A failure
// is a message for that one chart or overlay; the scan goes on.

import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/**
 * Runs `exe args` in `cwd` with a sealed environment. HOME and helm's config, cache and data
 * directories point into an empty temporary directory (so no plugins, repositories or registry
 * credentials are found), KUBECONFIG points nowhere, and HTTP(S)_PROXY is a closed local port.
 */
export function runTool(exe: string, args: string[], cwd: string, limits: ToolLimits): ToolRun {
  const home = mkdtempSync(join(tmpdir(), 'riskgate-render-'));
  try {
    const refused = 'http://127.0.0.1:9';
    const env: NodeJS.ProcessEnv = {
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
    const r = spawnSync(exe, args, { cwd, env, encoding: 'utf8', timeout: limits.timeout * 1000, maxBuffer: limits.maxOutput, killSignal: 'SIGKILL', stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.error) {
      const code = (r.error as NodeJS.ErrnoException).code;
      if (code === 'ETIMEDOUT') return { ok: false, reason: `took longer than ${limits.timeout} s (render.timeout) and was stopped` };
      if (code === 'ENOBUFS') return { ok: false, reason: `printed more than ${limits.maxOutput} bytes (render.maxOutput) and was stopped` };
      return { ok: false, reason: `could not run ${exe} (${code ?? r.error.message})` };
    }
    if (r.status !== 0) return { ok: false, reason: firstLines(r.stderr || r.stdout || `exit ${r.status ?? r.signal}`) };
    return { ok: true, stdout: r.stdout };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** The tool's own words, trimmed to what fits in a message. */
function firstLines(s: string): string {
  const text = s.trim().replace(/\s+/g, ' ');
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}
