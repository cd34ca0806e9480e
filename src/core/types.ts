// The engine's vocabulary. Nothing here knows about GitHub, terminals or file formats.

import type { Span } from './text.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher is more severe. */
export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}

export function atLeast(s: Severity, threshold: Severity | 'none'): boolean {
  return threshold !== 'none' && severityRank(s) >= severityRank(threshold);
}

export type FileType = 'kubernetes' | 'dockerfile';

export interface ResourceRef {
  kind: string;
  name: string;
  namespace: string | null;
}

export interface Suppression {
  /** Which mechanism suppressed it, e.g. `riskgate-ignore`, `annotation:checkov.io/skip1`, `config`. */
  by: string;
  reason: string;
  /** The line of the directive (comment, annotation, pragma) that suppressed it. */
  line?: number;
}

/** A text edit on the original file: replace [start, end) offsets with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  description: string;
  edits: TextEdit[];
  /** The fix can change how the image builds or the workload runs: a suggestion to check, applied by
   * `riskgate fix` only with --unsafe-fixes. Set from the rule's metadata. */
  unsafe?: boolean;
  /** A fix moved onto a template, values file, patch or base that was not proved by rendering again
   * (plain scans skip proofs: they cost one render or more per chart and root). `riskgate fix` and
   * `riskgate scan --prove-fixes` prove it; SARIF leaves it out; JSON says `proved: false`. */
  unproved?: boolean;
}

export interface Finding extends Span {
  ruleId: string;
  severity: Severity;
  title: string;
  message: string;
  path: string;
  resource: ResourceRef | null;
  container: string | null;
  references: string[];
  suppressed: Suppression | null;
  /** Stable across unrelated edits: rule, file, resource, container and the offending text. */
  fingerprint: string;
  fix: Fix | null;
  /** Extra context for humans (e.g. an expired suppression), not part of the identity. */
  notes?: string[];
  /** Set when the finding was found in a rendered Helm chart or Kustomize root; `path` and the
   * position are then where a person edits (values, template, base or patch line). */
  rendered?: RenderedFrom;
  /** For a finding about a chain of objects (core/graph): each link, from the entry to the impact. */
  steps?: AttackStep[];
}

/** One link of an attack path across objects: `Service/web` (LoadBalancer) at web.yaml:12. */
export interface AttackStep {
  label: string;
  note: string;
  /** null for the internet, and for a role the scan does not hold (built-in). */
  path: string | null;
  line: number | null;
  /** On the link whose change removes the finding (the cheapest cut): what to change there. */
  cut?: string;
}

/** How precisely a finding in rendered output was placed back on the files people edit. */
export type MappingPrecision =
  /** the values-file key that sets the value (proved by rendering with that key changed) */
  | 'values'
  /** the template line that printed the line (literal text, or text around `{{ }}` matched) */
  | 'template'
  /** the one expression (toYaml, include) that printed the line */
  | 'expression'
  /** the line of the Kustomize base or patch that holds the field */
  | 'exact'
  /** not certain: the resource's first line, the nearest field that exists, or one of several expressions */
  | 'fallback';

export interface RenderedFrom {
  by: 'helm' | 'kustomize';
  /** The chart or Kustomize root that was rendered. */
  root: string;
  precision: MappingPrecision;
  /** The file the resource itself is reported in (its template or base), for grouping findings by resource. */
  resourcePath: string;
}

/** `not-checked`: a chart or Kustomize root that could not be rendered, and the files only it reads; a gate fails on it unless render.unrendered is `warn`. */
export type FileStatus = 'scanned' | 'skipped' | 'error' | 'not-checked';

export interface FileReport {
  path: string;
  type: FileType | null;
  status: FileStatus;
  reason: string | null;
  /** For a rendered chart or Kustomize root, and for the files checked through it: which one. */
  rendered?: { by: 'helm' | 'kustomize'; root: string };
}

export interface ResourceReport {
  path: string;
  line: number;
  kind: string;
  name: string;
  namespace: string | null;
  /** Set when riskgate has no checks for this kind (CRDs and the like). */
  checked: boolean;
  risk: number | null;
  /** Set for resources of a rendered chart or Kustomize root (path is their template or base). */
  rendered?: { by: 'helm' | 'kustomize'; root: string };
  /** For a rendered resource: a hash of its rendered text, so a pull request can tell which
   * resources its change re-rendered differently (a values bump alters one Deployment, not the
   * chart's Role). Not in the reports. */
  renderedDigest?: string;
  /** The attack paths the resource's findings open (attack-paths.ts), with the findings that open each. */
  attackPaths?: { id: string; name: string; techniques: string[]; findings: string[]; steps?: AttackStep[] }[];
  /** At or above the risk threshold: the fewest findings whose fixes bring it below, and the risk after; null when none does (see pathToGreenReason). */
  pathToGreen?: { findings: string[]; riskAfter: number } | null;
  pathToGreenReason?: string;
  /** Riskier than the repository's other resources of its kind (above their 95th percentile, with at least 10 of them). */
  outlier?: { kind: string; percentile95: number; peers: number };
  /** The findings that drive the risk, each with the risk the resource would have without it. */
  drivers?: { ruleId: string; message: string; path?: string; line: number; fingerprint: string; riskIfFixed: number }[];
}
