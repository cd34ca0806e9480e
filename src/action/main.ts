// The GitHub Action: a thin shell over the engine. On a pull request it scans what the PR
// changes, compares with the base, annotates, reviews (with one-click fixes), summarises, writes
// SARIF and gates the merge. On other events it scans the paths, annotates, summarises and gates.

// First: compiler settings apply to what is compiled after them (core/util/v8-tuning.ts).
import '../core/util/v8-tuning.js';
import * as core from '@actions/core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve, sep } from "node:path";
import { scanFiles, type ScanResult } from '../core/engine.js';
import { scanParallel } from '../core/parallel/scan-parallel.js';
import { toJsonReport } from '../report/json.js';
import { loadConfig, ConfigError, type Config } from '../core/config.js';
import { isDockerfileName } from '../core/discovery.js';
import { scoreResources } from '../core/risk/score.js';
import { compare, scanBaseline, scanRenderedAt, type Comparison } from '../core/risk/compare.js';
import { changeKey, changeKeyOf, resourceKey } from '../core/risk/change-key.js';
import { chartOf, KUSTOMIZATION_FILES } from '../core/render/targets.js';
import { decideGate } from '../core/gate.js';
import { toSarif } from '../report/sarif.js';
import { ruleMetas } from '../rules/index.js';
import { atLeast, severityRank, type Finding, type ResourceReport } from '../core/types.js';
import { reachedWorkloads, type ReachedWorkload } from '../core/graph/reach.js';
import { readInputs, InputError, type ActionInputs } from './inputs.js';
/* eslint-disable @typescript-eslint/no-explicit-any */
import { createClient, type Octokit } from './github.js';
import { parsePatch, type FileDiff } from './diff.js';
import { listExisting, notCheckedBlock, planReview, reviewBody, riskBlock } from './review.js';
import { addPathsToGreen, DEFAULT_RISK_THRESHOLD } from '../core/risk/path-to-green.js';
import { markOutliers } from '../core/risk/explain.js';
import { findingsByResource } from '../core/risk/features.js';
import { renderSummary } from './summary.js';
import { addedSuppressions, comparePolicies, judgeSuppressions, readBaseConfig, renderPolicy, type PolicyReport } from './policy.js';

interface PrFile {
  filename: string;
  status: string;
  previous_filename?: string;
  patch?: string;
}

interface PullRequest {
  number: number;
  changed_files?: number;
  head: { sha: string; repo?: { full_name?: string } | null };
  base: { sha: string; repo?: { full_name?: string } | null };
}

const MANIFEST = /\.(ya?ml|json)$/i;
const relevant = (path: string) => isDockerfileName(path.split('/').pop() ?? '') || MANIFEST.test(path) || KUSTOMIZATION_FILES.includes(path.split('/').pop() ?? '');

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let inputs: ActionInputs;
  try {
    inputs = readInputs(env);
  } catch (e) {
    if (e instanceof InputError) {
      core.setFailed(`riskgate: ${e.message}`);
      return;
    }
    throw e;
  }
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
  const event = env.GITHUB_EVENT_PATH && existsSync(env.GITHUB_EVENT_PATH) ? JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) : {};
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '/').split('/');
  const pr: PullRequest | null = event.pull_request ?? null;
  const notices: string[] = [];
  const metas = ruleMetas();

  let config: Config;
  try {
    config = loadConfig(inputs.config ? resolve(workspace, inputs.config) : null, workspace, metas);
  } catch (e) {
    if (e instanceof ConfigError) {
      core.setFailed(`riskgate: ${e.message}`);
      return;
    }
    throw e;
  }

  if (inputs.mode === 'report') return runReport(env, inputs, event, owner, repo, config, metas.length);

  const octokit = inputs.token && pr ? createClient({ token: inputs.token, baseUrl: env.GITHUB_API_URL || 'https://api.github.com', retryBaseMs: num(env.RISKGATE_RETRY_BASE_MS), writeIntervalMs: num(env.RISKGATE_WRITE_INTERVAL_MS), log: (s) => core.info(s) }) : null;

  // The policy: on a pull request the base branch's configuration decides by default, and what
  // the pull request changes in it is listed.
  const headConfig = config;
  let policy: PolicyReport | null = null;
  if (pr) {
    policy = { source: inputs.configSource, changes: [], headPath: headConfig.path, newSuppressions: [], mode: inputs.newSuppressions };
    try {
      const base = await readBaseConfig(octokit, owner, repo, pr.base.sha, workspace, inputs.config, metas);
      policy.changes = comparePolicies(base.config, headConfig, metas);
      if (inputs.configSource === 'base') config = base.config;
    } catch (e) {
      if (e instanceof ConfigError) {
        core.setFailed(`riskgate: the base branch's configuration is invalid: ${e.message}`);
        return;
      }
      policy.source = 'head';
      notices.push(`Could not read the base branch's configuration (${(e as Error).message}); the pull request's own configuration was used and its changes could not be listed.`);
    }
  }

  // What to scan.
  let files: PrFile[] = [];
  const diffs = new Map<string, FileDiff>();
  let result: ScanResult;
  let scopeLabel: string;
  let reached: ReachedWorkload[] = [];
  if (pr && inputs.scope !== 'all') {
    files = await listPrFiles(octokit, owner, repo, pr, workspace, notices);
    for (const f of files) diffs.set(f.filename, parsePatch(f.patch));
    const inPaths = (p: string) => inputs.paths.some((root) => root === '.' || p === root.replace(/\/$/, '') || p.startsWith(`${root.replace(/\/$/, '')}/`));
    // A changed template, helper or values file of a chart, or a file a kustomization reads, is
    // relevant too: the scan renders the chart or root it belongs to.
    const chartCache = new Map<string, string | null>();
    const inChart = (p: string) => chartOf(resolve(workspace, p), workspace, chartCache) !== null;
    const targets = files.filter((f) => f.status !== 'removed' && (relevant(f.filename) || inChart(f.filename)) && inPaths(f.filename) && existsSync(resolve(workspace, f.filename))).map((f) => f.filename);
    // A changed binding, role, ServiceAccount, Service, Ingress, route or NetworkPolicy changes the
    // risk of the workloads it connects to: their files join the scan (at base and head) so the
    // comparison shows them and the gate counts what got worse (core/graph/reach.ts).
    if (targets.some((t) => mayConnect(resolve(workspace, t)))) {
      reached = reachedWorkloads({ paths: inputs.paths, cwd: workspace, root: workspace, config }, new Set(files.map((f) => f.filename)));
      for (const p of new Set(reached.map((r) => r.path))) if (!targets.includes(p)) targets.push(p);
    }
    // Fixes in charts and roots are proved (a render each) only where the review can suggest them: lines in the diff's hunks.
    const proveFixes = inputs.review && !inputs.shard ? { lines: Object.fromEntries([...diffs].map(([p, d]) => [p, [...d.lines.keys()]])) } : false;
    result = targets.length ? await scanParallel({ paths: targets, cwd: workspace, config, root: workspace, shard: inputs.shard ?? undefined, proveFixes }, inputs.jobs) : scanFiles([], config);
    scopeLabel = inputs.scope === 'added-lines' ? `lines added or edited by pull request #${pr.number}` : `files changed by pull request #${pr.number} (${targets.length} Dockerfiles and manifests)`;
  } else {
    // Without a pull request there is no review to suggest fixes in: nothing to prove.
    result = await scanParallel({ paths: inputs.paths, cwd: workspace, config, root: workspace, shard: inputs.shard ?? undefined, proveFixes: Boolean(pr && inputs.review && !inputs.shard) }, inputs.jobs);
    scopeLabel = `${inputs.paths.join(', ')}${pr ? ` (all files, pull request #${pr.number})` : ''}`;
  }

  let scored = true;
  try {
    const byResource = findingsByResource(result.resources, result.findings);
    await scoreResources(result.resources, result.findings, { byResource });
    // What to fix first on blocked resources, and resources riskier than their peers.
    await addPathsToGreen(result.resources, result.findings, inputs.failOnRisk ?? DEFAULT_RISK_THRESHOLD, byResource);
    markOutliers(result.resources);
  } catch (e) {
    scored = false;
    notices.push(`Risk scores unavailable: ${(e as Error).message}. The risk model needs a Linux x64 or arm64 runner; every check still ran.`);
  }

  // Compare with the base of the pull request.
  let comparison: Comparison | null = null;
  if (pr && scored && inputs.shard) notices.push(`Shard ${inputs.shard.index}/${inputs.shard.count}: no comparison with the base branch and no review here; \`riskgate merge\` of all shards gives the whole picture.`);
  if (pr && scored && !inputs.shard) {
    try {
      const base = await scanBase(octokit, owner, repo, pr, files, workspace, config, inputs, notices, result, [...new Set(reached.map((r) => r.path))]);
      await scoreResources(base.resources, base.findings, { drivers: false });
      comparison = compare(pr.base.sha.slice(0, 7), base, result);
    } catch (e) {
      notices.push(`Could not compare with the base branch: ${(e as Error).message}`);
    }
  }

  // Which findings count, by scope. In a file the change reaches but does not edit, only what the
  // change brought (not in the base): a workload's token powers after a binding changed.
  const reachedFiles = new Set(reached.map((r) => r.path));
  const scoped = result.findings.filter((f) => {
    if (f.suppressed) return false;
    if (reachedFiles.has(f.path)) return comparison !== null && !comparison.baselineFingerprints.has(f.fingerprint);
    if (!pr || inputs.scope === 'all') return true;
    const d = diffs.get(f.path);
    if (f.rendered && inRenderedScope(f, d, comparison, inputs.scope)) return true;
    if (inputs.scope === 'added-lines') return d !== undefined && d.added.has(f.line);
    return !f.rendered;
  });
  const ordered = [...scoped].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || (a.path < b.path ? -1 : 1) || a.line - b.line);

  // Annotations: the runner keeps 10 errors, 10 warnings and 10 notices per step.
  let annotated = 0;
  if (inputs.annotations) annotated = annotate(ordered);

  // Suppressions the pull request adds: listed, and counted for the gate unless new-suppressions lets them pass.
  const refused: Finding[] = [];
  if (policy) {
    policy.newSuppressions = judgeSuppressions(addedSuppressions(result.findings, diffs), inputs.newSuppressions);
    for (const s of policy.newSuppressions) if (!s.honoured) refused.push({ ...s.finding, suppressed: null });
  }

  // The review.
  let commented = 0;
  if (pr && inputs.review && octokit && !inputs.shard) {
    commented = await postReview(octokit, owner, repo, pr, ordered, diffs, result, inputs, notices, env, policy ? renderPolicy(policy, workspace) : '');
  }

  // Gate.
  // A resource the change reaches counts for the risk gate when the change made it riskier.
  const worsened = (r: ResourceReport) => comparison?.resources.some((c) => changeKeyOf(c) === resourceKey(r) && c.path === r.path && (c.status === 'worsened' || c.status === 'new')) ?? false;
  // A rendered resource counts when the change altered its rendering (see inRenderedScope).
  const altered = (r: ResourceReport) => !r.rendered || !pr || inputs.scope === 'all' || !comparison || comparison.changedRenderings.has(resourceKey(r));
  const gated = result.resources.filter((r) => (!reachedFiles.has(r.path) || worsened(r)) && altered(r));
  const gate = decideGate({ ...result, resources: gated, findings: [...scoped, ...refused] }, { failOn: inputs.failOnSeverity, failOnRisk: inputs.failOnRisk, onlyIncrease: inputs.failOnIncreaseOnly, comparison, unrendered: inputs.unrendered ?? config.render.unrendered });
  if (refused.length && gate.fail) gate.reasons.push(`${refused.length} suppression${refused.length === 1 ? '' : 's'} added by this pull request not honoured (new-suppressions: ${inputs.newSuppressions})`);
  if (inputs.failOnIncreaseOnly && !comparison) notices.push('fail-on-increase-only needs the base branch to compare with; every finding and resource counted.');

  // SARIF.
  const sarifPath = resolve(workspace, inputs.sarifFile);
  mkdirSync(dirname(sarifPath), { recursive: true });
  const sarif = toSarif(result, metas) as { runs: { results: unknown[] }[] };
  writeFileSync(sarifPath, JSON.stringify(sarif));

  // Summary and outputs.
  for (const n of notices) core.notice(n, { title: 'riskgate' });
  try {
    await core.summary.addRaw(renderSummary({ result, findings: ordered, comparison, gate, notices, annotated, commented, scopeLabel, policy: policy ? renderPolicy(policy, workspace) : '', reached })).write();
  } catch (e) {
    core.warning(`riskgate: could not write the job summary: ${(e as Error).message}`);
  }
  const risks = result.resources.map((r) => r.risk).filter((r): r is number => r !== null);
  const deltas = (comparison?.resources ?? []).map((c) => c.delta).filter((d): d is number => d !== null);
  core.setOutput('max-risk', risks.length ? String(Math.max(...risks)) : '');
  core.setOutput('risk-delta', deltas.length ? String(Math.max(...deltas)) : '');
  core.setOutput('findings', String(scoped.length));
  core.setOutput('blocking-findings', String(gate.blockingFindings));
  core.setOutput('sarif-file', sarifPath);
  core.setOutput('result', gate.fail ? 'fail' : 'pass');
  if (inputs.shard) {
    const shardPath = resolve(workspace, inputs.shardReport);
    mkdirSync(dirname(shardPath), { recursive: true });
    writeFileSync(shardPath, JSON.stringify(toJsonReport(result, null, inputs.shard), null, 2) + '\n');
    core.setOutput('shard-report', shardPath);
  }
  if (pr) {
    // For the fork pattern: what a workflow_run job needs to find and check this pull request.
    const reportPath = resolve(workspace, inputs.reportFile);
    mkdirSync(dirname(reportPath), { recursive: true });
    writeFileSync(reportPath, JSON.stringify({ version: 1, kind: 'riskgate-pull-request', repository: `${owner}/${repo}`, pullRequest: { number: pr.number, headSha: pr.head.sha, baseSha: pr.base.sha }, result: gate.fail ? 'fail' : 'pass' }));
    core.setOutput('report-file', reportPath);
  }
  if (gate.fail) core.setFailed(`riskgate: ${gate.reasons.join('; ')}`);
}

/**
 * The privileged half of the fork pattern, on `workflow_run`: the report from the unprivileged run
 * only names the pull request, and is checked against the trusted event (same head commit). The
 * pull request's files are then read through the API as data, scanned and reviewed; nothing from
 * the pull request is checked out or executed, and the report's content is never posted.
 */
async function runReport(env: NodeJS.ProcessEnv, inputs: ActionInputs, event: Record<string, any>, owner: string, repo: string, config: Config, _rules: number): Promise<void> {
  const fail = (m: string) => core.setFailed(`riskgate: ${m}`);
  const run = event.workflow_run as { head_sha?: string; pull_requests?: { number: number }[] } | undefined;
  if (!run) return fail('mode: report runs on the workflow_run event (see the README\'s fork pattern)');
  if (!inputs.token) return fail('mode: report needs a token with pull-requests: write');
  let report: { pullRequest?: { number?: unknown; headSha?: unknown } };
  try {
    const raw = readFileSync(resolve(inputs.reportFile), 'utf8');
    if (raw.length > 1_000_000) throw new Error('larger than 1 MB');
    report = JSON.parse(raw);
  } catch (e) {
    return fail(`cannot read report-file ${inputs.reportFile}: ${(e as Error).message}`);
  }
  const number = report.pullRequest?.number;
  const headSha = report.pullRequest?.headSha;
  if (typeof number !== 'number' || !Number.isInteger(number) || number <= 0 || typeof headSha !== 'string' || !/^[0-9a-f]{40}$/.test(headSha))
    return fail('report-file does not name a pull request (pullRequest.number, pullRequest.headSha)');
  if (run.head_sha && run.head_sha !== headSha) return fail(`report-file names commit ${headSha.slice(0, 7)}, but the workflow run was for ${run.head_sha.slice(0, 7)}; not posting`);
  const octokit = createClient({ token: inputs.token, baseUrl: env.GITHUB_API_URL || 'https://api.github.com', retryBaseMs: num(env.RISKGATE_RETRY_BASE_MS), writeIntervalMs: num(env.RISKGATE_WRITE_INTERVAL_MS), log: (s) => core.info(s) });
  const pull = (await octokit.rest.pulls.get({ owner, repo, pull_number: number })).data as unknown as PullRequest;
  if (pull.head.sha !== headSha) return fail(`pull request #${number} is now at ${pull.head.sha.slice(0, 7)}, not ${headSha.slice(0, 7)}; a newer run will review it`);
  const notices: string[] = [];
  const files = await listPrFiles(octokit, owner, repo, pull, process.cwd(), notices);
  const diffs = new Map(files.map((f) => [f.filename, parsePatch(f.patch)]));
  const fetchAll = async (sha: string, list: PrFile[], nameOf: (f: PrFile) => string) => {
    const out: { path: string; text: string; kind: 'manifest' | 'dockerfile' }[] = [];
    for (const f of list) {
      try {
        const res = await octokit.rest.repos.getContent({ owner, repo, path: nameOf(f), ref: sha });
        const data = res.data as { content?: string; encoding?: string };
        if (data.content && data.encoding === 'base64') out.push({ path: f.filename, text: Buffer.from(data.content, 'base64').toString('utf8'), kind: isDockerfileName(f.filename.split('/').pop()!) ? 'dockerfile' : 'manifest' });
      } catch {
        notices.push(`Could not read ${f.filename} at ${sha.slice(0, 7)}.`);
      }
    }
    return out;
  };
  const changed = files.filter((f) => relevant(f.filename));
  const result = scanFiles(await fetchAll(pull.head.sha, changed.filter((f) => f.status !== 'removed'), (f) => f.filename), config);
  let comparison: Comparison | null = null;
  try {
    const byResource = findingsByResource(result.resources, result.findings);
    await scoreResources(result.resources, result.findings, { byResource });
    await addPathsToGreen(result.resources, result.findings, inputs.failOnRisk ?? DEFAULT_RISK_THRESHOLD, byResource);
    markOutliers(result.resources);
    const base = scanFiles(await fetchAll(pull.base.sha, changed.filter((f) => f.status !== 'added'), (f) => f.previous_filename ?? f.filename), config);
    await scoreResources(base.resources, base.findings, { drivers: false });
    comparison = compare(pull.base.sha.slice(0, 7), base, result);
  } catch (e) {
    notices.push(`Risk scores unavailable: ${(e as Error).message}`);
  }
  const scoped = result.findings.filter((f) => !f.suppressed && (inputs.scope !== 'added-lines' || diffs.get(f.path)?.added.has(f.line)));
  const ordered = [...scoped].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || (a.path < b.path ? -1 : 1) || a.line - b.line);
  const commented = inputs.review ? await postReview(octokit, owner, repo, pull, ordered, diffs, result, inputs, notices, env) : 0;
  const gate = decideGate({ ...result, findings: scoped }, { failOn: inputs.failOnSeverity, failOnRisk: inputs.failOnRisk, onlyIncrease: inputs.failOnIncreaseOnly, comparison, unrendered: inputs.unrendered ?? config.render.unrendered });
  for (const n of notices) core.notice(n, { title: 'riskgate' });
  await core.summary.addRaw(renderSummary({ result, findings: ordered, comparison, gate, notices, annotated: 0, commented, scopeLabel: `pull request #${number} (review posted from workflow_run)` })).write();
  core.setOutput('findings', String(scoped.length));
  core.setOutput('blocking-findings', String(gate.blockingFindings));
  core.setOutput('result', gate.fail ? 'fail' : 'pass');
  // The unprivileged run's exit code is the merge gate; this run only reports.
}

function num(v: string | undefined): number | undefined {
  return v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;
}

function annotate(findings: Finding[]): number {
  const buckets: Record<'error' | 'warning' | 'notice', Finding[]> = { error: [], warning: [], notice: [] };
  for (const f of findings) buckets[atLeast(f.severity, 'high') ? 'error' : f.severity === 'medium' ? 'warning' : 'notice'].push(f);
  let shown = 0;
  for (const level of ['error', 'warning', 'notice'] as const) {
    const list = buckets[level];
    const take = list.slice(0, list.length > 10 ? 9 : 10);
    for (const f of take) {
      const props = { title: `${f.ruleId}: ${f.title}`, file: f.path, startLine: f.line, endLine: f.endLine, ...(f.line === f.endLine ? { startColumn: f.column, endColumn: f.endColumn } : {}) };
      core[level](f.message, props);
      shown++;
    }
    if (list.length > take.length) core[level](`${take.length} of ${list.length} ${level}-level findings shown as annotations; see the job summary for all of them.`, { title: 'riskgate' });
  }
  return shown;
}

async function listPrFiles(octokit: Octokit | null, owner: string, repo: string, pr: PullRequest, workspace: string, notices: string[]): Promise<PrFile[]> {
  let files: PrFile[] = [];
  if (octokit) {
    try {
      files = (await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: pr.number, per_page: 100 })) as PrFile[];
    } catch (e) {
      notices.push(`Could not list the pull request's files through the API (${(e as Error).message}); using git.`);
    }
  }
  const expected = pr.changed_files ?? files.length;
  if (files.length >= expected && files.length) return files;
  // The API lists at most 3,000 files; the rest (or everything, without a token) come from git.
  try {
    const listed = new Set(files.map((f) => f.filename));
    const status = execFileSync('git', ['diff', '--name-status', '-z', '-M', pr.base.sha, pr.head.sha], { cwd: workspace, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).split('\0').filter(Boolean);
    for (let i = 0; i < status.length; ) {
      const code = status[i++];
      const renamed = code.startsWith('R') || code.startsWith('C');
      const previous = renamed ? status[i++] : undefined;
      const name = status[i++];
      if (!name || listed.has(name)) continue;
      const patch = code.startsWith('D') ? '' : execFileSync('git', ['diff', '-U3', pr.base.sha, pr.head.sha, '--', name], { cwd: workspace, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      files.push({ filename: name, status: code.startsWith('A') ? 'added' : code.startsWith('D') ? 'removed' : renamed ? 'renamed' : 'modified', previous_filename: previous, patch: patch.slice(patch.indexOf('@@')) });
    }
  } catch {
    if (files.length < expected) notices.push(`GitHub listed ${files.length} of ${expected} changed files and the base commit is not in the checkout: ${expected - files.length} files were not seen (use actions/checkout with fetch-depth: 0).`);
  }
  return files;
}

/** Kinds whose change reaches other objects' workloads (a cheap look at the text before the graph is built). */
const CONNECTING_KINDS = /^kind:\s*["']?(RoleBinding|ClusterRoleBinding|Role|ClusterRole|ServiceAccount|Service|Ingress|NetworkPolicy|HTTPRoute|GRPCRoute|TLSRoute|TCPRoute)["']?\s*$/m;

function mayConnect(abs: string): boolean {
  try {
    return CONNECTING_KINDS.test(readFileSync(abs, 'utf8'));
  } catch {
    return false;
  }
}

/** The changed files as they were at the base: from git when the checkout has the base commit, else the contents API. */
async function scanBase(octokit: Octokit | null, owner: string, repo: string, pr: PullRequest, files: PrFile[], workspace: string, config: Config, inputs: ActionInputs, notices: string[], head: ScanResult, unchanged: string[] = []): Promise<ScanResult> {
  if (inputs.scope === 'all') {
    return scanBaseline(pr.base.sha, inputs.paths, workspace, config);
  }
  let haveBase = false;
  try {
    execFileSync('git', ['cat-file', '-e', `${pr.base.sha}^{commit}`], { cwd: workspace, stdio: 'ignore' });
    haveBase = true;
  } catch {
    haveBase = false;
  }
  const out: { path: string; text: string; kind: 'manifest' | 'dockerfile' }[] = [];
  // Files of a chart or Kustomize root are compared through their rendering at the base commit.
  const owned = new Set(head.files.filter((x) => x.rendered).map((x) => x.path));
  for (const f of files) {
    if (f.status === 'added' || !relevant(f.filename) || owned.has(f.filename)) continue;
    const basePath = f.previous_filename ?? f.filename;
    let text: string | null = null;
    if (haveBase) {
      try {
        text = execFileSync('git', ['show', `${pr.base.sha}:${basePath}`], { cwd: workspace, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      } catch {
        text = null;
      }
    } else if (octokit) {
      try {
        const res = await octokit.rest.repos.getContent({ owner, repo, path: basePath, ref: pr.base.sha });
        const data = res.data as { content?: string; encoding?: string };
        if (data.content && data.encoding === 'base64') text = Buffer.from(data.content, 'base64').toString('utf8');
      } catch {
        text = null;
      }
    }
    // Under its head name, so a renamed Dockerfile is compared with itself.
    if (text !== null) out.push({ path: f.filename.split(sep).join('/'), text, kind: isDockerfileName(f.filename.split('/').pop()!) ? 'dockerfile' : 'manifest' });
  }
  // Files the change reaches but does not edit are the same at the base.
  for (const p of unchanged) out.push({ path: p, text: readFileSync(resolve(workspace, p), 'utf8'), kind: 'manifest' });
  if (!haveBase && !octokit) notices.push('The base commit is not in the checkout and no token was given: risk deltas are unavailable.');
  const base = scanFiles(out, config);
  const scopes = head.renderScopes ?? [];
  if (scopes.length && !haveBase) notices.push(`Charts and Kustomize roots are compared with the base branch only when its commit is in the checkout (actions/checkout with fetch-depth: 0); ${scopes.map((s) => s.path).join(', ')} not compared.`);
  if (scopes.length && haveBase) {
    const rendered = scanRenderedAt(pr.base.sha, scopes, workspace, config, workspace);
    if (rendered) {
      base.findings.push(...rendered.findings);
      base.resources.push(...rendered.resources);
    }
  }
  return base;
}

async function postReview(octokit: Octokit, owner: string, repo: string, pr: PullRequest, findings: Finding[], diffs: Map<string, FileDiff>, result: ScanResult, inputs: ActionInputs, notices: string[], env: NodeJS.ProcessEnv, policy = ''): Promise<number> {
  const inChanged = findings.filter((f) => diffs.has(f.path));
  let existing;
  try {
    existing = await listExisting(octokit, owner, repo, pr.number);
  } catch (e) {
    notices.push(`Could not read earlier review comments (${(e as Error).message}); no review posted.`);
    return 0;
  }
  const own = existing.comments.filter((c) => (c as { user?: { type?: string } }).user?.type !== 'User');
  const plan = planReview(inChanged, diffs, result.sources, own, existing.bodies, inputs.maxComments);
  const fork = pr.head.repo?.full_name && pr.base.repo?.full_name && pr.head.repo.full_name !== pr.base.repo.full_name;
  const summaryUrl = env.GITHUB_SERVER_URL && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` : null;
  let posted = 0;
  try {
    for (const s of plan.stale) await octokit.rest.pulls.deleteReviewComment({ owner, repo, comment_id: s.id });
    // Policy changes are worth a review of their own: they are what a reviewer most easily misses.
    const unrendered = notCheckedBlock(result.files);
    const unrenderedText = unrendered && !existing.bodies.has(unrendered.fingerprint) ? unrendered.text : '';
    if (plan.comments.length || plan.inBody.length || policy || unrenderedText) {
      const verdict = unrenderedText ? 'charts or overlays NOT checked' : findings.some((f) => atLeast(f.severity, inputs.failOnSeverity)) ? 'findings to fix before merging' : 'findings to review';
      try {
        await octokit.rest.pulls.createReview({ owner, repo, pull_number: pr.number, commit_id: pr.head.sha, event: 'COMMENT', body: reviewBody(plan, verdict, summaryUrl, policy, riskBlock(result.resources, result.findings), unrenderedText), comments: plan.comments });
        posted = plan.comments.length;
      } catch (e) {
        if ((e as { status?: number }).status !== 422) throw e;
        // Should not happen (anchors are validated), but one bad anchor rejects everything: retry with all findings in the body.
        notices.push(`GitHub rejected the inline comments (${(e as Error).message}); posted them in the review body instead.`);
        const fallback = { ...plan, inBody: [...plan.inBody, ...inChanged.filter((f) => plan.comments.some((c) => c.body.includes(f.fingerprint)))], comments: [] };
        await octokit.rest.pulls.createReview({ owner, repo, pull_number: pr.number, commit_id: pr.head.sha, event: 'COMMENT', body: reviewBody(fallback, verdict, summaryUrl, policy, riskBlock(result.resources, result.findings), unrenderedText) });
      }
    }
  } catch (e) {
    const status = (e as { status?: number }).status;
    if (status === 403 || status === 404) {
      notices.push(`${fork ? 'This pull request comes from a fork, whose token is read-only: ' : ''}riskgate could not post its review (${status}); findings are in the annotations and this summary, and the gate still applies. See the README for the two-workflow pattern that reviews fork pull requests.`);
      return 0;
    }
    throw e;
  }
  return posted;
}

if (process.env.RISKGATE_ACTION_NO_AUTORUN !== '1') {
  run().catch((e: unknown) => core.setFailed(`riskgate: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
}

/**
 * Whether a finding of a rendered chart or root is the pull request's: it is placed on a line the
 * change added (added-lines) or in a file it changed (files), or the change altered its resource's
 * rendering (a values change that re-renders a Deployment brings that Deployment's findings in;
 * one that alters nothing else leaves the chart's Role out: the Role's finding is not the PR's).
 * Without a base to compare with, every rendered finding of a changed chart counts (fail closed).
 */
function inRenderedScope(f: Finding, diff: FileDiff | undefined, comparison: Comparison | null, scope: ActionInputs['scope']): boolean {
  if (scope === 'added-lines' ? diff?.added.has(f.line) === true : diff !== undefined) return true;
  if (!comparison) return true;
  if (!f.resource) return false;
  const changed = comparison.changedRenderings.has(changeKey({ ...f.resource, path: '' }, f.rendered!.root));
  // In added-lines scope only what the altered rendering brought, as for reached workloads.
  return changed && (scope !== 'added-lines' || !comparison.baselineFingerprints.has(f.fingerprint));
}
