// Dockerfile analysis entry point (parsing and rules arrive with the Dockerfile checks).

import type { SourceFile } from '../source-file.js';
import type { FindingCollector, ActiveRule } from '../findings.js';
import type { Directive, SuppressionTarget } from '../suppress.js';
import type { Finding, FileStatus } from '../types.js';
import type { RuleMeta } from '../rule.js';

export interface DockerfileRule {
  meta: RuleMeta & { target: 'dockerfile' };
}

export function analyzeDockerfile(
  file: SourceFile,
  _rules: ActiveRule<DockerfileRule>[],
  _collector: FindingCollector,
): { status: FileStatus; reason: string | null; targets: { finding: Finding; target: SuppressionTarget }[]; directives: Directive[] } {
  return { status: 'skipped', reason: `Dockerfile checks are not available yet (${file.path})`, targets: [], directives: [] };
}
