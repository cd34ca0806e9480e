// The JSON report, documented in docs/json-output.md. Other tools read it: keep it stable,
// add fields rather than change them, and bump `version` on any breaking change.

import type { ScanResult } from '../core/engine.js';
import type { Finding } from '../core/types.js';
import type { Comparison } from '../core/risk/compare.js';
import { TOOL_NAME, VERSION } from '../version.js';
import { modelIdentity } from '../core/identity.js';
import type { Shard } from '../core/shard.js';
import { MappedArray } from './json-stream.js';

export const JSON_REPORT_VERSION = 1;

/**
 * `streamed`: the findings stay as they are and are shaped one run at a time while the report is
 * written (MappedArray, for writeJsonStream); the default is a plain object.
 */
export function toJsonReport(result: ScanResult, comparison: Comparison | null = null, shard: Shard | null = null, options: { streamed?: boolean } = {}): object {
  return {
    version: JSON_REPORT_VERSION,
    ...(shard ? { shard } : {}),
    tool: { name: TOOL_NAME, version: VERSION, ...(modelIdentity() ? { model: modelIdentity() } : {}) },
    files: result.files.map((f) => ({ path: f.path, type: f.type, status: f.status, reason: f.reason, ...(f.rendered ? { rendered: f.rendered } : {}) })),
    findings: options.streamed ? new MappedArray(result.findings, findingJson) : result.findings.map(findingJson),
    resources: result.resources.map((r) => ({
      path: r.path,
      line: r.line,
      kind: r.kind,
      name: r.name,
      namespace: r.namespace,
      checked: r.checked,
      risk: r.risk,
      drivers: r.drivers ?? [],
      attackPaths: r.attackPaths ?? [],
      ...(r.pathToGreen !== undefined ? { pathToGreen: r.pathToGreen } : {}),
      ...(r.pathToGreenReason ? { pathToGreenReason: r.pathToGreenReason } : {}),
      ...(r.outlier ? { outlier: r.outlier } : {}),
      ...(r.rendered ? { rendered: r.rendered } : {}),
    })),
    ...(comparison ? { comparison: { baseline: comparison.baseline, resources: comparison.resources } } : {}),
  };
}

function findingJson(f: Finding): object {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    title: f.title,
    message: f.message,
    path: f.path,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    resource: f.resource,
    container: f.container,
    references: f.references,
    suppressed: f.suppressed,
    fingerprint: f.fingerprint,
    ...(f.notes?.length ? { notes: f.notes } : {}),
    ...(f.rendered ? { rendered: f.rendered } : {}),
    ...(f.steps?.length ? { steps: f.steps } : {}),
    ...(f.fix ? { fix: { description: f.fix.description, unsafe: f.fix.unsafe === true, ...(f.fix.unproved ? { proved: false } : {}), edits: f.fix.edits.map((e) => ({ start: e.start, end: e.end, text: e.text })) } } : {}),
  };
}
