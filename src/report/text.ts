// Human output: grouped by file, `path:line:col severity rule-id message`, a code frame.
// Every piece of file content is stripped of control characters before it reaches a terminal.

import type { ScanResult } from '../core/engine.js';
import type { Finding, Severity } from '../core/types.js';
import { attackPathText, chainOf, fingerprintIndex, outlierText, pathHeadline, pathSteps, stepPlace, stepText } from './explain.js';
import { stripControl } from '../core/text.js';
import { append } from '../core/util/append.js';
import { groupAcrossRoots } from './across-roots.js';
import type { Comparison } from '../core/risk/compare.js';
import { changeKeyOf, resourceKey } from '../core/risk/change-key.js';
import { notCheckedGroups, notCheckedHeadline, notCheckedTargets, type NotCheckedTarget } from '../core/not-checked.js';

export interface TextOptions {
  color: boolean;
  /** Show suppressed findings too (dimmed). */
  showSuppressed?: boolean;
  failOn?: Severity | 'none';
  comparison?: Comparison | null;
}

const SEVERITY_COLOR: Record<Severity, string> = { critical: '1;35', high: '31', medium: '33', low: '36', info: '37' };

export function formatText(result: ScanResult, opts: TextOptions): string {
  return formatTextLines(result, opts).join('\n') + '\n';
}

/** The text report as lines (formatText joins them): a large report is written a chunk at a time, never as one string. */
export function formatTextLines(result: ScanResult, opts: TextOptions): string[] {
  const c = (code: string, s: string) => (opts.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const out: string[] = [];
  // First, before any finding: what could not be checked at all.
  const unrendered = notCheckedTargets(result.files);
  if (unrendered.length) {
    out.push(c('1;31', `${notCheckedHeadline(unrendered)}:`));
    for (const g of notCheckedGroups(unrendered)) {
      const names = g.targets.slice(0, 8).map((t) => stripControl(t.path)).join(', ');
      out.push(`  ${stripControl(g.reason)}`);
      out.push(c('2', `    ${names}${g.targets.length > 8 ? `, … and ${g.targets.length - 8} more` : ''}`));
    }
    out.push('');
  }
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) {
    if (!f.suppressed || opts.showSuppressed) append(byFile, f.path, f);
  }
  for (const [path, findings] of byFile) {
    out.push(c('1;4', stripControl(path)));
    const lines = result.sources.get(path)?.lines;
    for (const { finding: f, roots } of groupAcrossRoots(findings)) {
      const sev = c(SEVERITY_COLOR[f.severity], f.severity.padEnd(8));
      const where = `${stripControl(path)}:${f.line}:${f.column}`;
      const suppressed = f.suppressed ? c('2', ` (suppressed by ${stripControl(f.suppressed.by)}: ${stripControl(f.suppressed.reason)})`) : '';
      // A base file may be rendered through several Kustomize roots: each finding names its own.
      const via = f.rendered?.by === 'kustomize' ? c('2', ` (via ${stripControl(roots.join(', '))})`) : '';
      out.push(`  ${where} ${sev} ${c('2', f.ruleId)} ${stripControl(f.message)}${via}${suppressed}`);
      for (const note of f.notes ?? []) out.push(`    ${c('33', 'note:')} ${stripControl(note)}`);
      if (lines) {
        for (let l = f.line; l <= f.line; l++) {
          const text = stripControl(lines.lineText(l)).slice(0, 160);
          const gutter = `${String(l).padStart(5)} | `;
          out.push(`   ${c('2', gutter)}${text}`);
          if (l === f.line) {
            const prefix = stripControl(lines.lineText(l).slice(0, f.column - 1)).length;
            const width = f.endLine === f.line ? Math.max(1, Math.min(160 - prefix, f.endColumn - f.column)) : 1;
            out.push(`   ${' '.repeat(gutter.length)}${' '.repeat(Math.min(prefix, 160))}${c(SEVERITY_COLOR[f.severity], '^'.repeat(width))}`);
          }
        }
      }
    }
    out.push('');
  }
  const problems = result.files.filter((f) => f.status === 'error');
  if (problems.length) {
    out.push(c('1', 'Files with problems:'));
    for (const f of problems) out.push(`  ${stripControl(f.path)}: ${stripControl(f.reason ?? '')}`);
    out.push('');
  }
  // Scanned with a caveat (a Dockerfile fragment, a RUN whose shell was not understood).
  const renderedRoots = result.files.filter((f) => f.status === 'scanned' && f.rendered && f.rendered.root === f.path);
  if (renderedRoots.length) {
    out.push(c('2', 'Rendered:'));
    for (const f of renderedRoots) out.push(c('2', `  ${stripControl(f.reason ?? f.path)}`));
    out.push('');
  }
  // Files checked through a chart or root are counted in its line above, not listed one by one.
  const partly = result.files.filter((f) => f.status === 'scanned' && f.reason && !f.rendered);
  if (partly.length) {
    out.push(c('2', 'Notes:'));
    for (const f of partly.slice(0, 20)) out.push(c('2', `  ${stripControl(f.path)}: ${stripControl(f.reason ?? '')}`));
    if (partly.length > 20) out.push(c('2', `  … and ${partly.length - 20} more (see --format json)`));
    out.push('');
  }
  const skipped = result.files.filter((f) => f.status === 'skipped');
  const notChecked = result.resources.filter((r) => !r.checked);
  if (skipped.length) {
    out.push(c('2', `Skipped ${skipped.length} file${skipped.length === 1 ? '' : 's'}:`));
    for (const f of skipped.slice(0, 20)) out.push(c('2', `  ${stripControl(f.path)}: ${stripControl(f.reason ?? '')}`));
    if (skipped.length > 20) out.push(c('2', `  … and ${skipped.length - 20} more (see --format json)`));
    out.push('');
  }
  if (notChecked.length) {
    const kinds = [...new Set(notChecked.map((r) => r.kind))].sort();
    out.push(c('2', `No rules for: ${notChecked.length} object${notChecked.length === 1 ? '' : 's'} of kinds riskgate does not check (${stripControl(kinds.slice(0, 10).join(', '))}${kinds.length > 10 ? ', …' : ''})`));
    out.push('');
  }
  const scored = result.resources.filter((r) => r.risk !== null).sort((a, b) => (b.risk ?? 0) - (a.risk ?? 0));
  const byFingerprint = fingerprintIndex(result.findings);
  if (scored.length) {
    out.push(c('1', 'Risk by resource:'));
    const changes = new Map((opts.comparison?.resources ?? []).map((ch) => [changeKeyOf(ch), ch]));
    for (const r of scored.slice(0, 25)) {
      const color = (r.risk ?? 0) >= 70 ? '31' : (r.risk ?? 0) >= 30 ? '33' : '32';
      const ch = changes.get(resourceKey(r));
      const change = !ch ? '' : ch.status === 'new' ? '(new)' : ch.delta !== null && ch.status !== 'unchanged' ? `(${ch.delta > 0 ? '+' : ''}${ch.delta} since ${stripControl(opts.comparison!.baseline)})` : '';
      const delta = change ? ` ${change}` : '';
      out.push(`  ${c(color, String(r.risk).padStart(5))}  ${stripControl(`${r.kind}/${r.name}`)}${r.namespace ? c('2', ` (${stripControl(r.namespace)})`) : ''}${r.rendered ? c('2', ` via ${stripControl(r.rendered.root)}`) : ''} ${c('2', `${stripControl(r.path)}:${r.line}`)}${delta}`);
      for (const d of (r.drivers ?? []).slice(0, 3)) out.push(c('2', `         ${d.ruleId} ${d.path ? `${stripControl(d.path)}:${d.line}` : `line ${d.line}`}: risk if fixed ${d.riskIfFixed}`));
      const headline = pathHeadline(r);
      if (headline) {
        const steps = pathSteps(r, byFingerprint).map((st) => `${st.ruleId} ${st.path === r.path ? `line ${st.line}` : `${stripControl(st.path)}:${st.line}`}${st.hasFix ? ' (riskgate fix)' : ''}${st.cut ? ` (${stripControl(st.cut)})` : ''}`);
        out.push(`         ${c('1', 'path to green:')} ${stripControl(headline)}${steps.length ? `: ${steps.join(', ')}` : ''}`);
      }
      if ((r.risk ?? 0) >= 50 && r.attackPaths?.length) out.push(`         ${c('1', 'attack paths:')} ${stripControl(r.attackPaths.map(attackPathText).join('; '))}`);
      const chain = chainOf(r);
      if (chain) out.push(`         ${c('1', 'chain:')} ${chain.map((st) => `${stripControl(stepText(st))}${stepPlace(st) ? c('2', ` ${stripControl(stepPlace(st)!)}`) : ''}`).join(' → ')}`);
      const outlier = outlierText(r);
      if (outlier) out.push(`         ${c('33', 'outlier:')} ${stripControl(outlier)}`);
    }
    if (scored.length > 25) out.push(c('2', `  … and ${scored.length - 25} more (see --format json)`));
    const removed = (opts.comparison?.resources ?? []).filter((ch) => ch.status === 'removed');
    for (const ch of removed.slice(0, 10)) out.push(c('2', `  removed: ${stripControl(`${ch.kind}/${ch.name}`)}${ch.root ? ` via ${stripControl(ch.root)}` : ''} (was ${ch.baseRisk})`));
    out.push('');
  }
  out.push(summaryLine(result, unrendered, c));
  if (opts.comparison) out.push(comparisonLine(result, opts.comparison));
  return out;
}

/** What --baseline found, said even when it is nothing (silence reads as "the comparison did not run"). */
export function comparisonLine(result: ScanResult, comparison: Comparison): string {
  const head = new Set(result.findings.filter((f) => !f.suppressed).map((f) => f.fingerprint));
  const added = [...head].filter((fp) => !comparison.baselineFingerprints.has(fp)).length;
  const gone = [...comparison.baselineFingerprints].filter((fp) => !head.has(fp)).length;
  const by = (status: string) => comparison.resources.filter((r) => r.status === status).length;
  const parts = [
    added && `${added} new finding${added === 1 ? '' : 's'}`,
    gone && `${gone} finding${gone === 1 ? '' : 's'} gone`,
    by('new') && `${by('new')} new resource${by('new') === 1 ? '' : 's'}`,
    by('worsened') && `${by('worsened')} riskier`,
    by('improved') && `${by('improved')} less risky`,
    by('removed') && `${by('removed')} removed`,
  ].filter(Boolean);
  const ref = stripControl(comparison.baseline);
  return parts.length ? `against ${ref}: ${parts.join(', ')}` : `no change against ${ref}`;
}

function summaryLine(result: ScanResult, unrendered: NotCheckedTarget[], c: (code: string, s: string) => string): string {
  const active = result.findings.filter((f) => !f.suppressed);
  const counts = new Map<Severity, number>();
  for (const f of active) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const parts = (['critical', 'high', 'medium', 'low', 'info'] as Severity[]).filter((s) => counts.get(s)).map((s) => c(SEVERITY_COLOR[s], `${counts.get(s)} ${s}`));
  const scanned = result.files.filter((f) => f.status === 'scanned' || f.status === 'error').length;
  const suppressed = result.findings.length - active.length;
  return `${active.length} finding${active.length === 1 ? '' : 's'}${parts.length ? ` (${parts.join(', ')})` : ''} in ${scanned} file${scanned === 1 ? '' : 's'}, ${result.resources.length} resource${result.resources.length === 1 ? '' : 's'}${suppressed ? `, ${suppressed} suppressed` : ''}${unrendered.length ? c('1;31', `; ${notCheckedHeadline(unrendered)}`) : ''}`;
}
