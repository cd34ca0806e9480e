// The environment a GitHub runner gives the action on a pull_request event, for the scripts and
// benchmarks that run dist/index.js against the local API (test/helpers/fake-github.ts): the event
// file, an empty step summary and output file in `temp`, and every input at its action.yml default.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function pullRequestEnv(o: { workspace: string; temp: string; apiUrl: string; number: number; base: string; head: string; changedFiles: number }): Record<string, string> {
  writeFileSync(join(o.temp, 'event.json'), JSON.stringify({ pull_request: { number: o.number, changed_files: o.changedFiles, head: { sha: o.head, repo: { full_name: 'acme/shop' } }, base: { sha: o.base, repo: { full_name: 'acme/shop' } } }, repository: { full_name: 'acme/shop' } }));
  for (const f of ['summary.md', 'output.txt']) writeFileSync(join(o.temp, f), '');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: join(o.temp, 'event.json'), GITHUB_REPOSITORY: 'acme/shop', GITHUB_API_URL: o.apiUrl, GITHUB_WORKSPACE: o.workspace, GITHUB_STEP_SUMMARY: join(o.temp, 'summary.md'), GITHUB_OUTPUT: join(o.temp, 'output.txt'), RUNNER_TEMP: o.temp, RISKGATE_WRITE_INTERVAL_MS: '0' };
  for (const [k, v] of Object.entries((load(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> }).inputs)) env[`INPUT_${k.toUpperCase()}`] = String(v.default ?? '');
  env.INPUT_TOKEN = 'write-token';
  return env;
}
