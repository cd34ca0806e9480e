// The policy a pull request is checked against, and what the pull request does to it. A pull
// request could switch rules off in `.riskgate.yaml`, raise thresholds, exclude paths or add
// suppressions in the same change that adds a risky manifest. By default the base branch's
// configuration decides (config-source: base); every loosening and every suppression the pull
// request adds is listed in the summary and the review; new-suppressions decides whether the
// added suppressions may pass the gate.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAMES, defaultConfig, parseConfig, type Config } from '../core/config.js';
import { policyChanges, type PolicyChange } from '../core/policy-changes.js';
import type { RuleMeta } from '../core/rule.js';
import type { Finding } from '../core/types.js';
import type { FileDiff } from './diff.js';
import type { Octokit } from './github.js';
import { code, md } from './markdown.js';

export interface PolicyReport {
  /** Whose configuration the gate used. */
  source: 'base' | 'head';
  /** Configuration changes the pull request makes (base → head). */
  changes: PolicyChange[];
  /** The head configuration's path, for the listing. */
  headPath: string | null;
  /** Suppressions the pull request adds, and whether each was honoured. */
  newSuppressions: { finding: Finding; honoured: boolean }[];
  mode: 'allow' | 'require-reason' | 'fail';
}

/** The configuration file's path relative to the workspace: the `config` input, or the first default name present. */
function configNames(explicit: string | null, workspace: string): string[] {
  if (explicit) return [relative(workspace, resolve(workspace, explicit)).split(sep).join('/')];
  return CONFIG_FILE_NAMES;
}

/**
 * The base branch's configuration: from git when the checkout has the base commit, else the
 * contents API. `null` when the base has no configuration file (defaults apply); throws when the
 * base cannot be read at all.
 */
export async function readBaseConfig(
  octokit: Octokit | null,
  owner: string,
  repo: string,
  baseSha: string,
  workspace: string,
  explicit: string | null,
  rules: RuleMeta[],
): Promise<{ config: Config; text: string | null }> {
  let haveBase = false;
  try {
    execFileSync('git', ['cat-file', '-e', `${baseSha}^{commit}`], { cwd: workspace, stdio: 'ignore' });
    haveBase = true;
  } catch {
    haveBase = false;
  }
  if (!haveBase && !octokit) throw new Error('the base commit is not in the checkout and no token was given');
  for (const name of configNames(explicit, workspace)) {
    let text: string | null = null;
    if (haveBase) {
      try {
        text = execFileSync('git', ['show', `${baseSha}:${name}`], { cwd: workspace, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 4 * 1024 * 1024 });
      } catch {
        text = null;
      }
    } else {
      try {
        const res = await octokit!.rest.repos.getContent({ owner, repo, path: name, ref: baseSha });
        const data = res.data as { content?: string; encoding?: string };
        if (data.content && data.encoding === 'base64') text = Buffer.from(data.content, 'base64').toString('utf8');
      } catch (e) {
        if ((e as { status?: number }).status !== 404) throw e;
      }
    }
    if (text !== null) return { config: parseConfig(text, `${name} (base ${baseSha.slice(0, 7)})`, rules), text };
  }
  return { config: defaultConfig(), text: null };
}

export function headConfigText(config: Config): string | null {
  return config.path && existsSync(config.path) ? readFileSync(config.path, 'utf8') : null;
}

export function comparePolicies(base: Config, head: Config, rules: RuleMeta[]): PolicyChange[] {
  return policyChanges(base, head, rules, headConfigText(head));
}

/** Suppressed findings whose directive is on a line the pull request adds. */
export function addedSuppressions(findings: Finding[], diffs: Map<string, FileDiff>): Finding[] {
  return findings.filter((f) => f.suppressed && diffs.get(f.path)?.added.has(f.suppressed.line ?? f.line));
}

export function judgeSuppressions(added: Finding[], mode: PolicyReport['mode']): PolicyReport['newSuppressions'] {
  return added.map((finding) => ({ finding, honoured: mode === 'allow' || (mode === 'require-reason' && (finding.suppressed?.reason ?? '').trim() !== '') }));
}

/** The Markdown block the job summary and the review body show. Empty when there is nothing to say. */
export function renderPolicy(p: PolicyReport, workspace: string): string {
  if (!p.changes.length && !p.newSuppressions.length) return '';
  const out: string[] = ['### Policy changes in this pull request', ''];
  const where = (line: number | null) => (p.headPath && line ? ` (${code(`${relative(workspace, p.headPath).split(sep).join('/')}:${line}`)})` : '');
  if (p.changes.length) {
    out.push(
      p.source === 'base'
        ? 'The pull request changes the riskgate configuration; the gate used the base branch\'s (config-source: base), so these take effect only once merged:'
        : 'The pull request changes the riskgate configuration, and the gate used it (config-source: head):',
      '',
    );
    const icon = { loosened: '⚠️ loosened', tightened: 'tightened', changed: 'changed' } as const;
    for (const c of p.changes) out.push(`- ${icon[c.effect]}: ${md(c.description)}${where(c.line)}`);
    out.push('');
  }
  if (p.newSuppressions.length) {
    const rule = { allow: 'allowed', 'require-reason': 'honoured only with a reason', fail: 'not honoured: their findings count for the gate' }[p.mode];
    out.push(`Suppressions added by this pull request (new-suppressions: ${p.mode}, ${rule}):`, '');
    for (const { finding: f, honoured } of p.newSuppressions.slice(0, 100))
      out.push(`- ${honoured ? 'honoured' : '**not honoured**'}: ${code(`${f.path}:${f.suppressed?.line ?? f.line}`)} ${md(f.ruleId)} (${md(f.severity)}) by ${md(f.suppressed?.by ?? '')}, reason: ${f.suppressed?.reason ? md(f.suppressed.reason) : '*none given*'}`);
    if (p.newSuppressions.length > 100) out.push(`- … and ${p.newSuppressions.length - 100} more`);
  }
  return out.join('\n').trimEnd();
}

