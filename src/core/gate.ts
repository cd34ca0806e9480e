// The merge gate: which findings and resources decide a failure, and why, in words.

import type { ScanResult } from './engine.js';
import type { Comparison } from './risk/compare.js';
import { atLeast, type Severity } from './types.js';
import { notCheckedGroups, notCheckedHeadline, notCheckedTargets } from './not-checked.js';

export interface GateOptions {
  failOn: Severity | 'none';
  failOnRisk: number | null;
  /** Only what the change made worse counts (needs a comparison). */
  onlyIncrease: boolean;
  comparison: Comparison | null;
  /** Charts and roots that could not be rendered: `fail` fails the gate (render.unrendered). */
  unrendered: 'fail' | 'warn';
}

export interface GateDecision {
  fail: boolean;
  reasons: string[];
  blockingFindings: number;
  blockingResources: number;
  /** Charts and roots not checked (they count whatever `unrendered` says). */
  notChecked: number;
  /** They are among the reasons the gate fails (`unrendered: fail`). */
  notCheckedBlocks: boolean;
}

export function decideGate(result: ScanResult, o: GateOptions): GateDecision {
  const known = o.onlyIncrease && o.comparison ? o.comparison.baselineFingerprints : null;
  const findings = result.findings.filter((f) => !f.suppressed && atLeast(f.severity, o.failOn) && (!known || !known.has(f.fingerprint)));
  const risky = o.failOnRisk === null
    ? []
    : result.resources.filter((r) => {
        if (r.risk === null || r.risk < o.failOnRisk!) return false;
        if (!o.onlyIncrease || !o.comparison) return true;
        const change = o.comparison.resources.find((c) => c.kind === r.kind && c.name === r.name && c.namespace === r.namespace && (r.kind !== 'Dockerfile' || c.path === r.path));
        return change !== undefined && (change.status === 'new' || change.status === 'worsened');
      });
  const reasons: string[] = [];
  if (findings.length) {
    const sample = findings.slice(0, 3).map((f) => `${f.path}:${f.line} ${f.ruleId}`).join(', ');
    reasons.push(`${findings.length} ${known ? 'new ' : ''}finding(s) at or above ${o.failOn}: ${sample}${findings.length > 3 ? ', …' : ''}`);
  }
  if (risky.length) {
    const sample = risky.slice(0, 3).map((r) => `${r.kind}/${r.name} (${r.risk})`).join(', ');
    reasons.push(`${risky.length} resource(s) at or above risk ${o.failOnRisk}${known ? ' that the change made riskier' : ''}: ${sample}${risky.length > 3 ? ', …' : ''}`);
  }
  const notChecked = notCheckedTargets(result.files);
  const notCheckedBlocks = notChecked.length > 0 && o.unrendered === 'fail';
  if (notCheckedBlocks) {
    const groups = notCheckedGroups(notChecked);
    const first = groups[0];
    const why = groups.length === 1 ? first.reason : `${first.reason}; and ${groups.length - 1} other reason${groups.length === 2 ? '' : 's'}`;
    const sample = notChecked.slice(0, 3).map((t) => t.path).join(', ');
    reasons.push(`${notCheckedHeadline(notChecked)} (${sample}${notChecked.length > 3 ? ', …' : ''}): ${why.length > 240 ? `${why.slice(0, 240)}…` : why} (render.unrendered: warn reports them without failing)`);
  }
  return { fail: reasons.length > 0, reasons, blockingFindings: findings.length, blockingResources: risky.length, notChecked: notChecked.length, notCheckedBlocks };
}
