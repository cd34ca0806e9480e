// Text from scanned files (names, values, paths) is attacker-controlled in fork pull requests.
// Everything that reaches a comment or the job summary goes through these helpers, so it can
// neither break out of its place in the Markdown nor smuggle HTML, mentions or links.

import { stripControl } from '../core/text.js';
import type { AttackStep } from '../core/types.js';
import { stepPlace, stepText } from '../report/explain.js';
import { notCheckedGroups, type NotCheckedTarget } from '../core/not-checked.js';

/** Inline Markdown text: no line breaks, every Markdown and HTML special character escaped. */
export function md(text: string, max = 300): string {
  let s = stripControl(text).replace(/[\r\n]+/g, ' ');
  if (s.length > max) s = `${s.slice(0, max - 1)}…`;
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+\-.!|~])/g, '\\$1')
    .replace(/@/g, '@\u200b') // no @mentions
    .replace(/:\/\//g, ':\u200b//'); // no autolinks
}

/** Inline code: a backtick fence longer than any run of backticks inside, as CommonMark allows. */
export function code(text: string, max = 200): string {
  let s = stripControl(text).replace(/[\r\n]+/g, ' ');
  if (s.length > max) s = `${s.slice(0, max - 1)}…`;
  const fence = '`'.repeat(longestBacktickRun(s) + 1);
  const pad = s.startsWith('`') || s.endsWith('`') || s === '' ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

/** A fenced block (```suggestion, ```yaml) whose fence no content line can close. */
export function fenced(info: string, content: string): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(content) + 1));
  const body = content.replace(/\r/g, '');
  return `${fence}${info}\n${body}${body === '' || body.endsWith('\n') ? '' : '\n'}${fence}`;
}

function longestBacktickRun(s: string): number {
  let best = 0;
  for (const m of s.matchAll(/`+/g)) best = Math.max(best, m[0].length);
  return best;
}

/** Charts and roots not checked, a Markdown list line per reason (job summary and review body). */
export function notCheckedList(list: readonly NotCheckedTarget[]): string[] {
  return notCheckedGroups(list).map((g) => `- ${md(g.reason, 500)}: ${g.targets.slice(0, 20).map((t) => code(t.path)).join(', ')}${g.targets.length > 20 ? `, … and ${g.targets.length - 20} more` : ''}`);
}

/** A hidden marker carrying a finding's fingerprint, so re-runs recognise their own comments. */
export function marker(fingerprint: string): string {
  return `<!-- riskgate:fp=${fingerprint.replace(/[^a-f0-9]/gi, '')} -->`;
}

export function markersIn(body: string | null | undefined): string[] {
  return [...(body ?? '').matchAll(/<!-- riskgate:fp=([a-f0-9]+) -->/g)].map((m) => m[1]);
}

/** A chain of objects as Markdown: each step escaped, its place in code, joined by arrows. */
export function chainMarkdown(steps: AttackStep[]): string {
  return steps.map((st) => `${md(stepText(st), 120)}${stepPlace(st) ? ` ${code(stepPlace(st)!)}` : ''}`).join(' → ');
}
