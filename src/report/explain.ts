// Words for what a risk score means, shared by the text report, the job summary and the review:
// the path to green (which findings to fix, together, to get below the threshold) and the attack
// paths the findings open. Plain strings; each caller escapes for its medium.

import type { Finding, ResourceReport } from '../core/types.js';

export interface PathStep {
  ruleId: string;
  path: string;
  line: number;
  hasFix: boolean;
}

/** The findings of a resource's path to green, fixes riskgate has first. */
export function pathSteps(r: ResourceReport, byFingerprint: Map<string, Finding>): PathStep[] {
  const steps = (r.pathToGreen?.findings ?? []).map((fp) => byFingerprint.get(fp)).filter((f): f is Finding => f !== undefined);
  return steps.map((f) => ({ ruleId: f.ruleId, path: f.path, line: f.line, hasFix: f.fix !== null })).sort((a, b) => Number(b.hasFix) - Number(a.hasFix));
}

/** "fix these 3 to go from 100 to 18", or why no set of findings gets there. */
export function pathHeadline(r: ResourceReport): string | null {
  if (r.pathToGreen) return `fix ${r.pathToGreen.findings.length === 1 ? 'this one' : `these ${r.pathToGreen.findings.length}`} to go from ${r.risk} to ${r.pathToGreen.riskAfter}`;
  if (r.pathToGreen === null && r.pathToGreenReason) return `no path to green: ${r.pathToGreenReason}`;
  return null;
}

export function attackPathText(p: NonNullable<ResourceReport['attackPaths']>[number]): string {
  return `${p.name} (${p.techniques.join(', ')})`;
}

export function outlierText(r: ResourceReport): string | null {
  return r.outlier ? `above the 95th percentile (${r.outlier.percentile95}) of the ${r.outlier.peers} other ${r.outlier.kind} resources scanned` : null;
}

export function fingerprintIndex(findings: Finding[]): Map<string, Finding> {
  return new Map(findings.map((f) => [f.fingerprint, f]));
}
