// The action's inputs, validated: a wrong value fails the step with a message that names the
// input and the values it accepts.

import { SEVERITIES, type Severity } from '../core/types.js';
import { parseShard, type Shard } from '../core/shard.js';
import { parseJobs } from '../core/parallel/scan-parallel.js';

export type Scope = 'changed' | 'added-lines' | 'all';

export interface ActionInputs {
  paths: string[];
  scope: Scope;
  failOnSeverity: Severity | 'none';
  failOnRisk: number | null;
  failOnIncreaseOnly: boolean;
  /** A chart or root the scan could not render: fail the gate or warn; null: the configuration's render.unrendered (default fail). */
  unrendered: 'fail' | 'warn' | null;
  review: boolean;
  annotations: boolean;
  sarifFile: string;
  config: string | null;
  token: string;
  maxComments: number;
  /** scan: check out and scan; report: the privileged half of the fork pattern (workflow_run). */
  mode: 'scan' | 'report';
  /** scan: where to write the pull-request report for a workflow_run job; report: where to read it. */
  reportFile: string;
  /** On pull requests: the base branch's configuration decides the gate, or the pull request's. */
  configSource: 'base' | 'head';
  /** On pull requests: what suppressions added by the pull request may do. */
  newSuppressions: 'allow' | 'require-reason' | 'fail';
  /** Worker threads for the scan (`auto`: the runner's cores, fewer for small scans). */
  jobs: number | 'auto';
  /** Check only this share of the files (an Actions matrix); its JSON report goes to shardReport for `riskgate merge`. */
  shard: Shard | null;
  shardReport: string;
}

export class InputError extends Error {}

/** Reads `INPUT_<NAME>` the way the runner sets it (upper case, spaces as underscores). */
export function rawInput(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const v = rawInput(env, name);
  if (v === '') return fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new InputError(`input "${name}" must be one of ${allowed.join(', ')}; got "${v}"`);
  return v as T;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const v = rawInput(env, name).toLowerCase();
  if (v === '') return fallback;
  if (['true', 'yes', '1', 'on'].includes(v)) return true;
  if (['false', 'no', '0', 'off'].includes(v)) return false;
  throw new InputError(`input "${name}" must be true or false; got "${rawInput(env, name)}"`);
}

export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const paths = rawInput(env, 'paths').split(/[\n,]/).map((p) => p.trim()).filter(Boolean);
  const riskRaw = rawInput(env, 'fail-on-risk');
  let failOnRisk: number | null = 70;
  if (riskRaw === 'none') failOnRisk = null;
  else if (riskRaw !== '') {
    const n = Number(riskRaw);
    if (!Number.isFinite(n) || n < 0 || n > 100) throw new InputError(`input "fail-on-risk" must be a number from 0 to 100, or none; got "${riskRaw}"`);
    failOnRisk = n;
  }
  const maxRaw = rawInput(env, 'max-comments');
  const maxComments = maxRaw === '' ? 30 : Number(maxRaw);
  if (!Number.isInteger(maxComments) || maxComments < 0 || maxComments > 200) throw new InputError(`input "max-comments" must be a whole number from 0 to 200; got "${maxRaw}"`);
  const runnerTemp = env.RUNNER_TEMP || env.TMPDIR || '/tmp';
  let jobs: number | 'auto';
  try {
    jobs = parseJobs(rawInput(env, 'jobs') || undefined);
  } catch (e) {
    throw new InputError(`input "${(e as Error).message.replace(/^jobs/, 'jobs"')}`);
  }
  let shard: Shard | null = null;
  const shardRaw = rawInput(env, 'shard');
  if (shardRaw) {
    try {
      shard = parseShard(shardRaw);
    } catch {
      throw new InputError(`input "shard" must be i/n with 1 ≤ i ≤ n (for example 2/4, or \${{ matrix.shard }}/4); got "${shardRaw}"`);
    }
  }
  return {
    paths: paths.length ? paths : ['.'],
    scope: oneOf(env, 'scope', ['changed', 'added-lines', 'all'] as const, 'changed'),
    failOnSeverity: oneOf(env, 'fail-on-severity', [...SEVERITIES, 'none'] as const, 'high'),
    failOnRisk,
    failOnIncreaseOnly: bool(env, 'fail-on-increase-only', false),
    unrendered: rawInput(env, 'unrendered') ? oneOf(env, 'unrendered', ['fail', 'warn'] as const, 'fail') : null,
    review: bool(env, 'review', true),
    annotations: bool(env, 'annotations', true),
    sarifFile: rawInput(env, 'sarif-file') || `${runnerTemp}/riskgate.sarif`,
    config: rawInput(env, 'config') || null,
    token: rawInput(env, 'token'),
    maxComments,
    mode: oneOf(env, 'mode', ['scan', 'report'] as const, 'scan'),
    reportFile: rawInput(env, 'report-file') || `${runnerTemp}/riskgate-pr.json`,
    configSource: oneOf(env, 'config-source', ['base', 'head'] as const, 'base'),
    newSuppressions: oneOf(env, 'new-suppressions', ['allow', 'require-reason', 'fail'] as const, 'require-reason'),
    jobs,
    shard,
    shardReport: rawInput(env, 'shard-report') || `${runnerTemp}/riskgate-shard-${shard?.index ?? 1}.json`,
  };
}
