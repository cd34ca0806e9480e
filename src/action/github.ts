// GitHub's REST API through @actions/github's Octokit, with what GitHub's best-practice guide
// asks of integrations: retries with backoff on 5xx and on primary and secondary rate limits
// (honouring retry-after and x-ratelimit-reset), and content-creating requests sent one at a
// time with a pause between them.

import { getOctokit } from '@actions/github';

export type Octokit = ReturnType<typeof getOctokit>;

export interface ClientOptions {
  token: string;
  baseUrl: string;
  /** First retry delay; doubles each attempt (RISKGATE_RETRY_BASE_MS, default 1000). */
  retryBaseMs?: number;
  /** Pause between content-creating requests (RISKGATE_WRITE_INTERVAL_MS, default 1000). */
  writeIntervalMs?: number;
  maxRetries?: number;
  log?: (s: string) => void;
}

interface HttpError {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined>; data?: { message?: string } };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long to wait before retrying, or null when the error is not worth a retry. */
export function retryDelay(err: HttpError, attempt: number, baseMs: number, now = Date.now()): number | null {
  const status = err.status ?? 0;
  const headers = err.response?.headers ?? {};
  const message = `${err.message ?? ''} ${err.response?.data?.message ?? ''}`.toLowerCase();
  const retryAfter = Number(headers['retry-after']);
  const secondary = status === 403 && (message.includes('secondary rate limit') || message.includes('abuse'));
  const primary = (status === 403 || status === 429) && headers['x-ratelimit-remaining'] === '0';
  if (Number.isFinite(retryAfter) && retryAfter >= 0 && (status === 429 || secondary || status >= 500 || primary)) return Math.min(retryAfter * 1000, 120_000);
  if (primary && headers['x-ratelimit-reset']) return Math.min(Math.max(Number(headers['x-ratelimit-reset']) * 1000 - now, 0) + 1000, 15 * 60_000);
  if (status === 429 || secondary) return Math.max(60_000 * (baseMs / 1000), baseMs) * 2 ** attempt;
  if (status >= 500 || status === 0) return baseMs * 2 ** attempt;
  return null;
}

export function createClient(o: ClientOptions): Octokit {
  const octokit = getOctokit(o.token, { baseUrl: o.baseUrl });
  const base = o.retryBaseMs ?? 1000;
  const interval = o.writeIntervalMs ?? 1000;
  const maxRetries = o.maxRetries ?? 4;
  let lastWrite = 0;
  let queue: Promise<unknown> = Promise.resolve();
  octokit.hook.wrap('request', async (request, options) => {
    const write = !['GET', 'HEAD'].includes(String(options.method).toUpperCase());
    const send = async () => {
      for (let attempt = 0; ; attempt++) {
        if (write) {
          const wait = lastWrite + interval - Date.now();
          if (wait > 0) await sleep(wait);
          lastWrite = Date.now();
        }
        try {
          return await request(options);
        } catch (e) {
          const delay = attempt < maxRetries ? retryDelay(e as HttpError, attempt, base) : null;
          if (delay === null) throw e;
          o.log?.(`GitHub API ${options.method} ${options.url}: ${(e as HttpError).status}; retrying in ${Math.round(delay / 100) / 10} s`);
          await sleep(delay);
        }
      }
    };
    if (!write) return send();
    // Content-creating requests one at a time.
    const run = queue.then(send, send);
    queue = run.catch(() => undefined);
    return run;
  });
  return octokit;
}
