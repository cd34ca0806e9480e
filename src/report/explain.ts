// Words for what a risk score means, shared by the text report, the job summary and the review:
// the path to green (which findings to fix, together, to get below the threshold) and the attack
// paths the findings open. Plain strings; each caller escapes for its medium.

import type { AttackStep, Finding, ResourceReport } from '../core/types.js';

export interface PathStep {
  ruleId: string;
  path: string;
  line: number;
  hasFix: boolean;
  /** For a finding about a chain of objects: the link to cut, where, and how. */
  cut?: string;
}

/** The findings of a resource's path to green, fixes riskgate has first. */
export function pathSteps(r: ResourceReport, byFingerprint: Map<string, Finding>): PathStep[] {
  const steps = (r.pathToGreen?.findings ?? []).map((fp) => byFingerprint.get(fp)).filter((f): f is Finding => f !== undefined);
  return steps.map((f) => ({ ruleId: f.ruleId, path: f.path, line: f.line, hasFix: f.fix !== null, ...cutOf(f) })).sort((a, b) => Number(b.hasFix) - Number(a.hasFix));
}

/** The cut a chain finding marks: "cut ClusterRoleBinding/web-admin (web.yaml:18): remove …". */
function cutOf(f: Finding): { cut: string } | {} {
  const st = f.steps?.find((s) => s.cut);
  if (!st) return {};
  const place = stepPlace(st);
  return { cut: `cut ${st.label}${place ? ` (${place})` : ''}: ${st.cut}` };
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

/** The longest chain of named objects among a resource's attack paths (cross-object findings), if any. */
export function chainOf(r: ResourceReport): AttackStep[] | null {
  let best: AttackStep[] | null = null;
  for (const p of r.attackPaths ?? []) if (p.steps && p.steps.length > (best?.length ?? 0)) best = p.steps;
  return best;
}

/** `Service/web (LoadBalancer)`: a step in words, without its place. */
export function stepText(s: AttackStep): string {
  return s.note ? `${s.label} (${s.note})` : s.label;
}

/** `web.yaml:28`, or null for the internet and built-in roles. */
export function stepPlace(s: AttackStep): string | null {
  return s.path !== null && s.line !== null ? `${s.path}:${s.line}` : null;
}

export function outlierText(r: ResourceReport): string | null {
  return r.outlier ? `above the 95th percentile (${r.outlier.percentile95}) of the ${r.outlier.peers} other ${r.outlier.kind} resources scanned` : null;
}

export function fingerprintIndex(findings: Finding[]): Map<string, Finding> {
  return new Map(findings.map((f) => [f.fingerprint, f]));
}
