// The job summary: verdict, resources with base → head risk, the drivers with "risk if fixed",
// findings by severity, everything that did not fit in annotations or comments, skipped files.

import type { ScanResult } from '../core/engine.js';
import type { Comparison } from '../core/risk/compare.js';
import { changeKeyOf, resourceKey } from '../core/risk/change-key.js';
import type { GateDecision } from '../core/gate.js';
import { SEVERITIES, type Finding } from '../core/types.js';
import type { ReachedWorkload } from '../core/graph/reach.js';
import { chainMarkdown, code, md, notCheckedList } from './markdown.js';
import { notCheckedHeadline, notCheckedTargets } from '../core/not-checked.js';
import { attackPathText, chainOf, fingerprintIndex, outlierText, pathHeadline, pathSteps } from '../report/explain.js';

export interface SummaryInput {
  result: ScanResult;
  findings: Finding[];
  comparison: Comparison | null;
  gate: GateDecision;
  notices: string[];
  annotated: number;
  commented: number;
  scopeLabel: string;
  /** The rendered policy section (configuration changes, added suppressions), or ''. */
  policy?: string;
  /** Workloads in files the change does not edit, whose risk it changes through the object graph. */
  reached?: ReachedWorkload[];
}

const MAX_BYTES = 900 * 1024; // GitHub refuses step summaries over 1 MiB

export function renderSummary(s: SummaryInput): string {
  const { result, findings, comparison, gate } = s;
  const out: string[] = [];
  out.push(`## riskgate: ${gate.fail ? '❌ blocking' : '✅ passing'}`, '');
  if (gate.reasons.length) for (const r of gate.reasons) out.push(`- ${md(r, 500)}`);
  else out.push('Nothing at or above the configured thresholds.');
  const unrendered = notCheckedTargets(result.files);
  if (unrendered.length) {
    out.push('', `### ⚠️ ${notCheckedHeadline(unrendered)}`, '', `Nothing in ${unrendered.length === 1 ? 'it' : 'them'} was checked: riskgate could not render ${unrendered.length === 1 ? 'it' : 'them'}.${gate.notCheckedBlocks ? '' : ' The gate does not fail on this (unrendered: warn).'}`, '');
    out.push(...notCheckedList(unrendered));
  }
  out.push('', `Scope: ${md(s.scopeLabel)}. ${findings.length} finding${findings.length === 1 ? '' : 's'}; ${s.annotated} annotated, ${s.commented} commented on the pull request.`);
  for (const n of s.notices) out.push('', `> ${md(n, 500)}`);
  if (s.policy) out.push('', s.policy);

  const scored = result.resources.filter((r) => r.checked);
  const gone = (comparison?.resources ?? []).filter((x) => x.status === 'removed' || x.status === 'not-checked');
  if (scored.length || gone.length) {
    out.push('', '### Risk by resource', '', '| resource | file | base | head | Δ |', '|---|---|---:|---:|---:|');
    const changes = new Map((comparison?.resources ?? []).map((c) => [changeKeyOf(c), c]));
    const rows = scored
      .map((r) => ({ r, c: changes.get(resourceKey(r)) }))
      .sort((a, b) => (b.r.risk ?? -1) - (a.r.risk ?? -1));
    for (const { r, c } of rows.slice(0, 100)) {
      const delta = c?.status === 'new' ? 'new' : c && c.delta !== null && c.status !== 'unchanged' ? `${c.delta > 0 ? '+' : ''}${c.delta}` : '';
      out.push(`| ${md(`${r.kind}/${r.name}`)}${r.namespace ? ` (${md(r.namespace)})` : ''}${r.rendered ? ` via ${code(r.rendered.root)}` : ''}${r.outlier ? ' ⚠️ outlier' : ''} | ${code(`${r.path}:${r.line}`)} | ${c?.baseRisk ?? ''} | ${r.risk ?? 'n/a'} | ${delta} |`);
    }
    for (const c of gone.slice(0, 50)) out.push(`| ${md(`${c.kind}/${c.name}`)}${c.root ? ` via ${code(c.root)}` : ''} | ${code(c.path)} | ${c.baseRisk ?? ''} | ${c.status === 'removed' ? 'removed' : '**not checked**'} | |`);
    if (rows.length > 100) out.push('', `… and ${rows.length - 100} more resources.`);
    const byFingerprint = fingerprintIndex(result.findings);
    if (s.reached?.length) {
      out.push('', '### Workloads this change reaches', '', 'Their files did not change; objects the change edits connect to them (object graph), so their risk is compared too.', '');
      for (const w of s.reached.slice(0, 30)) {
        const { r, c } = rows.find(({ r }) => r.path === w.path && `${r.kind}/${r.name}` === w.workload) ?? {};
        const risk = r ? (c?.baseRisk !== undefined && c?.baseRisk !== null ? `${c.baseRisk} → ${r.risk}` : `${r.risk}`) : 'n/a';
        out.push(`- **${md(w.workload)}** ${code(w.path)}: risk ${risk}, through ${w.through.map((t) => md(t)).join(', ')}`);
        const chain = r ? chainOf(r) : null;
        if (chain) out.push(`  - chain: ${chainMarkdown(chain)}`);
      }
    }
    const blocked = rows.filter(({ r }) => pathHeadline(r) !== null).slice(0, 15);
    if (blocked.length) {
      out.push('', '### Path to green', '');
      for (const { r } of blocked) {
        out.push(`- **${md(`${r.kind}/${r.name}`)}**: ${md(pathHeadline(r)!)}`);
        for (const st of pathSteps(r, byFingerprint)) out.push(`  - ${md(st.ruleId)} ${code(`${st.path}:${st.line}`)}${st.hasFix ? ' (riskgate has a fix)' : ''}${st.cut ? ` — ${md(st.cut)}` : ''}`);
        if (r.attackPaths?.length) out.push(`  - attack paths: ${r.attackPaths.map((p) => md(attackPathText(p))).join('; ')}`);
        const chain = chainOf(r);
        if (chain) out.push(`  - chain: ${chainMarkdown(chain)}`);
      }
    }
    const outliers = rows.filter(({ r }) => r.outlier);
    if (outliers.length) {
      out.push('', '### Outliers', '');
      for (const { r } of outliers.slice(0, 20)) out.push(`- **${md(`${r.kind}/${r.name}`)}** (${r.risk}): ${md(outlierText(r)!)}`);
    }
    const withDrivers = rows.filter(({ r }) => (r.drivers ?? []).length).slice(0, 15);
    if (withDrivers.length) {
      out.push('', '### What drives the risk', '');
      for (const { r } of withDrivers) {
        out.push(`- **${md(`${r.kind}/${r.name}`)}** (${r.risk})`);
        for (const d of (r.drivers ?? []).slice(0, 5)) out.push(`  - ${md(d.ruleId)} ${d.path ? code(`${d.path}:${d.line}`) : `line ${d.line}`}: ${md(d.message)}; risk if fixed: **${d.riskIfFixed}**`);
      }
    }
  }

  out.push('', '### Findings by severity', '', '| severity | count |', '|---|---:|');
  for (const sev of SEVERITIES) out.push(`| ${sev} | ${findings.filter((f) => f.severity === sev).length} |`);
  if (findings.length) {
    out.push('', `<details><summary>All ${findings.length} findings</summary>`, '', '| severity | location | rule | message |', '|---|---|---|---|');
    for (const f of findings) out.push(`| ${f.severity} | ${code(`${f.path}:${f.line}:${f.column}`)} | ${md(f.ruleId)} | ${md(f.message)} |`);
    out.push('', '</details>');
  }
  const suppressed = result.findings.filter((f) => f.suppressed);
  if (suppressed.length) out.push('', `${suppressed.length} suppressed finding${suppressed.length === 1 ? '' : 's'} (listed in the SARIF and JSON reports).`);
  // Files only an unrendered chart or root reads are counted in its line above.
  const skipped = result.files.filter((f) => (f.status !== 'scanned' || f.reason) && !(f.status === 'not-checked' && f.rendered && f.path !== f.rendered.root));
  if (skipped.length) {
    out.push('', `<details><summary>${skipped.length} file${skipped.length === 1 ? '' : 's'} not fully scanned</summary>`, '');
    for (const f of skipped.slice(0, 200)) out.push(`- ${code(f.path)}: ${md(f.status)}, ${md(f.reason ?? '')}`);
    out.push('', '</details>');
  }
  let text = out.join('\n') + '\n';
  if (Buffer.byteLength(text) > MAX_BYTES) text = `${text.slice(0, MAX_BYTES - 200)}\n\n… (truncated to stay under GitHub's 1 MiB summary limit; the SARIF file has everything)\n`;
  return text;
}
