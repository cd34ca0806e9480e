// One pull-request review per run: a comment per finding on a line inside the diff (with a
// one-click suggestion when the rule has a fix), everything else in the review body. Anchors are
// validated against the diff first, because one bad anchor makes GitHub reject the whole review.
// Re-runs are idempotent: comments carry a hidden fingerprint marker, findings already posted are
// not posted again, and riskgate's own comments whose finding is gone are deleted (unless someone
// replied to them).

import { attackPathText, chainOf, fingerprintIndex, pathHeadline, pathSteps } from '../report/explain.js';
import { createHash } from 'node:crypto';
import { severityRank, type FileReport, type Finding, type ResourceReport } from '../core/types.js';
import { groupAcrossRoots } from '../report/across-roots.js';
import { notCheckedHeadline, notCheckedTargets } from '../core/not-checked.js';
import { suggestionFor } from '../core/fix/apply.js';
import { suggestionKeepsStructure } from '../core/fix/fix-files.js';
import type { FileDiff } from './diff.js';
import { canAnchor } from './diff.js';
import { chainMarkdown, code, fenced, marker, markersIn, md, notCheckedList } from './markdown.js';
import { DOCS_BASE } from '../version.js';
import type { Octokit } from './github.js';

export interface ReviewComment {
  path: string;
  line: number;
  start_line?: number;
  side: 'RIGHT';
  start_side?: 'RIGHT';
  body: string;
}

export interface ReviewPlan {
  comments: ReviewComment[];
  /** Findings in changed files that no comment can anchor to (outside the hunks, or over the limit). */
  inBody: Finding[];
  alreadyPosted: number;
  /** riskgate comments whose finding is gone. */
  stale: { id: number; fingerprint: string }[];
}

export interface ExistingComment {
  id: number;
  body: string;
  in_reply_to_id?: number;
  path?: string;
}

const SEVERITY_ICON: Record<string, string> = { critical: '🟥', high: '🟧', medium: '🟨', low: '🟦', info: '⬜' };

export function commentBody(f: Finding, suggestion: string | null, copies: Finding[] = []): string {
  const lines = [
    `${SEVERITY_ICON[f.severity] ?? ''} **${md(f.title)}** (${f.severity}) · [${md(f.ruleId)}](${DOCS_BASE}/${f.ruleId}.md)`,
    '',
    md(f.message, 600),
  ];
  if (suggestion !== null)
    lines.push('', f.fix!.unsafe ? `Fix, **check before applying**: it can change how the image builds or the workload runs. ${md(f.fix!.description)}` : `Fix: ${md(f.fix!.description)}`, '', fenced('suggestion', suggestion));
  lines.push('', `<sub>Suppress with ${code(`riskgate-ignore ${f.ruleId} -- <reason>`)} on or above the line.</sub>`, [f, ...copies.filter((x) => x.fingerprint !== f.fingerprint)].map((x) => marker(x.fingerprint)).join(''));
  return lines.join('\n');
}

export function planReview(
  findings: Finding[],
  diffs: Map<string, FileDiff>,
  sources: Map<string, { text: string }>,
  existing: ExistingComment[],
  postedInBodies: Set<string>,
  maxComments: number,
): ReviewPlan {
  const posted = new Map<string, ExistingComment>();
  for (const c of existing) for (const fp of markersIn(c.body)) posted.set(fp, c);
  const current = new Set(findings.map((f) => f.fingerprint));
  const replied = new Set(existing.map((c) => c.in_reply_to_id).filter((x): x is number => typeof x === 'number'));
  // A comment is stale when none of the findings it carries is still there.
  const stale = existing
    .filter((c) => markersIn(c.body).length > 0 && markersIn(c.body).every((fp) => !current.has(fp)) && !replied.has(c.id))
    .map((c) => ({ id: c.id, fingerprint: markersIn(c.body)[0] }));

  const plan: ReviewPlan = { comments: [], inBody: [], alreadyPosted: 0, stale };
  const usedLines = new Set<string>();
  // The most severe finding gets a contested line's suggestion and the earliest comment slots.
  // One base line several roots render is one comment naming the roots, carrying every copy's marker.
  const groups = groupAcrossRoots([...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity)));
  const copiesOf = new Map<string, Finding[]>(groups.map((g) => [g.finding.fingerprint, g.copies]));
  const bySeverity = groups.map((g) => (g.roots.length > 1 ? { ...g.finding, message: `${g.finding.message} (through ${g.roots.length} roots: ${g.roots.join(', ')})` } : g.finding));
  for (const f of bySeverity) {
    const copies = copiesOf.get(f.fingerprint) ?? [f];
    // Already said, inline or in an earlier review body: a re-run with nothing new posts nothing.
    if (copies.some((x) => posted.has(x.fingerprint) || postedInBodies.has(x.fingerprint))) {
      plan.alreadyPosted++;
      continue;
    }
    const diff = diffs.get(f.path);
    const source = sources.get(f.path);
    let comment: ReviewComment | null = null;
    // A suggestion is a write a reviewer makes with one click: offered only when the file still
    // parses as before with it applied (the same check riskgate fix makes before writing).
    // An unproved fix in a chart or root (not rendered again with it applied) is never suggested.
    if (f.fix && !f.fix.unproved && source && suggestionKeepsStructure(f.path, source.text, f.fix)) {
      const s = suggestionFor(source.text, f.fix);
      const key = `${f.path}:${s.startLine}-${s.endLine}`;
      // GitHub applies one suggestion per line range in a batch: the second one on a range waits for a re-run.
      if (canAnchor(diff, s.startLine, s.endLine) && !usedLines.has(key)) {
        usedLines.add(key);
        comment = { path: f.path, line: s.endLine, side: 'RIGHT', body: commentBody(f, s.text, copies) };
        if (s.startLine < s.endLine) Object.assign(comment, { start_line: s.startLine, start_side: 'RIGHT' });
      }
    }
    if (!comment && canAnchor(diff, f.line, f.line)) {
      // Findings without a suggestion on the same line share one comment (a container missing
      // five settings is one conversation, not five).
      const shared = plan.comments.find((c) => c.path === f.path && c.line === f.line && c.start_line === undefined && !/`{3,}suggestion/.test(c.body));
      if (shared) {
        shared.body = `${shared.body}\n\n---\n\n${commentBody(f, null, copies)}`;
        continue;
      }
      comment = { path: f.path, line: f.line, side: 'RIGHT', body: commentBody(f, null, copies) };
    }
    if (comment && plan.comments.length < maxComments) plan.comments.push(comment);
    else plan.inBody.push(f);
  }
  return plan;
}

export function reviewBody(plan: ReviewPlan, verdict: string, summaryUrl: string | null, policy = '', risk = '', unrendered = ''): string {
  const lines = [`### riskgate: ${verdict}`, ''];
  if (unrendered) lines.push(unrendered, '');
  if (policy) lines.push(policy.replace(/^### /, '#### '), '');
  if (risk) lines.push(risk, '');
  if (plan.comments.length) lines.push(`${plan.comments.length} finding${plan.comments.length === 1 ? '' : 's'} commented inline${plan.comments.some((c) => c.body.includes('```suggestion') || c.body.includes('````suggestion')) ? ', with one-click fixes where riskgate has one' : ''}.`);
  if (plan.inBody.length) {
    lines.push('', `<details><summary>${plan.inBody.length} finding${plan.inBody.length === 1 ? '' : 's'} in changed files but outside the diff (or over the comment limit)</summary>`, '');
    for (const f of plan.inBody.slice(0, 200)) lines.push(`- ${md(f.severity)} ${code(`${f.path}:${f.line}`)} ${md(f.ruleId)}: ${md(f.message)} ${marker(f.fingerprint)}`);
    if (plan.inBody.length > 200) lines.push(`- … and ${plan.inBody.length - 200} more in the job summary`);
    lines.push('', '</details>');
  }
  if (summaryUrl) lines.push('', `Details, risk scores and deltas: [job summary](${summaryUrl}).`);
  const body = lines.join('\n');
  return body.length > 60_000 ? `${body.slice(0, 59_000)}\n\n… (truncated; see the job summary)` : body;
}

export async function listExisting(octokit: Octokit, owner: string, repo: string, pull: number): Promise<{ comments: ExistingComment[]; bodies: Set<string> }> {
  const comments = (await octokit.paginate(octokit.rest.pulls.listReviewComments, { owner, repo, pull_number: pull, per_page: 100 })) as ExistingComment[];
  const reviews = (await octokit.paginate(octokit.rest.pulls.listReviews, { owner, repo, pull_number: pull, per_page: 100 })) as { body?: string | null }[];
  const bodies = new Set<string>();
  for (const r of reviews) for (const fp of markersIn(r.body)) bodies.add(fp);
  return { comments, bodies };
}

/**
 * The review's word on charts and roots that were not checked, with a marker of what it says: a
 * re-run that finds the same charts unrendered for the same reasons does not say it again.
 */
export function notCheckedBlock(files: FileReport[]): { text: string; fingerprint: string } | null {
  const list = notCheckedTargets(files);
  if (!list.length) return null;
  const fingerprint = createHash('sha256').update(list.map((t) => `${t.path}\0${t.reason}`).sort().join('\n')).digest('hex').slice(0, 16);
  const lines = [`#### ⚠️ ${notCheckedHeadline(list)}`, '', 'riskgate could not render them, so nothing in them was checked:', ''];
  lines.push(...notCheckedList(list), '', marker(fingerprint));
  return { text: lines.join('\n'), fingerprint };
}

/** The review's word on blocked resources: what to fix to get below the threshold, and the attack paths open. */
export function riskBlock(resources: ResourceReport[], findings: Finding[]): string {
  const byFingerprint = fingerprintIndex(findings);
  const blocked = resources.filter((r) => pathHeadline(r) !== null).sort((a, b) => (b.risk ?? 0) - (a.risk ?? 0)).slice(0, 10);
  if (!blocked.length) return '';
  const lines = ['#### Path to green', ''];
  for (const r of blocked) {
    const steps = pathSteps(r, byFingerprint).map((st) => `${md(st.ruleId)} ${code(`${st.path}:${st.line}`)}${st.hasFix ? ' (suggested fix)' : ''}${st.cut ? ` (${md(st.cut)})` : ''}`);
    lines.push(`- **${md(`${r.kind}/${r.name}`)}**: ${md(pathHeadline(r)!)}${steps.length ? `: ${steps.join(', ')}` : ''}`);
    if (r.attackPaths?.length) lines.push(`  - opens: ${r.attackPaths.map((p) => md(attackPathText(p))).join('; ')}`);
    const chain = chainOf(r);
    if (chain) lines.push(`  - chain: ${chainMarkdown(chain)}`);
  }
  return lines.join('\n');
}
