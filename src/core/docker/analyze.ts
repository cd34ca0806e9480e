// Runs the Dockerfile rules over one file and gathers its suppression directives.

import { guarded } from '../rule-failure.js';
import type { SourceFile } from '../source-file.js';
import type { FindingCollector, ActiveRule } from '../findings.js';
import type { Directive, SuppressionTarget } from '../suppress.js';
import type { Finding, FileStatus, TextEdit } from '../types.js';
import { referencesFor, type RuleMeta, type Params } from '../rule.js';
import { isInstructionKeyword, parseDockerfile, type DockerModel, type Span } from './model.js';
import { dockerfileDirectives } from './suppressions.js';

export interface DockerReport {
  /** The exact text that is wrong: a word, a flag, an instruction. */
  at: Span;
  message: string;
  fix?: { description: string; edits: TextEdit[] };
  /** Which of the rule's `conditions` this finding meets, one or several (required when the rule has conditions). */
  condition?: string | string[];
}

export interface DockerContext {
  model: DockerModel;
  params: Params;
  report(r: DockerReport): void;
}

export interface DockerfileRule {
  meta: RuleMeta & { target: 'dockerfile' };
  check(ctx: DockerContext): void;
}

export function defineDockerfileRule(rule: DockerfileRule): DockerfileRule {
  return rule;
}

export interface DockerfileAnalysis {
  status: FileStatus;
  reason: string | null;
  model: DockerModel | null;
  targets: { finding: Finding; target: SuppressionTarget }[];
  directives: Directive[];
}

export function analyzeDockerfile(file: SourceFile, rules: ActiveRule<DockerfileRule>[], collector: FindingCollector): DockerfileAnalysis {
  if (/\{\{[\s\S]*?\}\}/.test(file.text))
    return { status: 'skipped', reason: 'template, not scanned: contains template syntax ({{ }}); scan the generated Dockerfile', model: null, targets: [], directives: [] };
  let model: DockerModel;
  try {
    model = parseDockerfile(file);
  } catch (e) {
    return { status: 'error', reason: `cannot parse as a Dockerfile: ${(e as Error).message}`, model: null, targets: [], directives: [] };
  }
  if (model.instructions.length === 0) return { status: 'skipped', reason: 'no Dockerfile instructions', model, targets: [], directives: [] };
  // No FROM: a fragment included by a build script (hadolint and Trivy lint those). Checked when
  // every instruction is a Dockerfile instruction; rules about stages and the final image find
  // nothing to say, the instruction-level rules run as usual.
  let fragment = false;
  if (model.stages.length === 0) {
    const unknown = model.instructions.filter((i) => !isInstructionKeyword(i.keyword));
    if (unknown.length) return { status: 'error', reason: `not a Dockerfile: no FROM instruction, and ${unknown.slice(0, 3).map((i) => `"${i.keyword.slice(0, 20)}" (line ${i.line})`).join(', ')} ${unknown.length === 1 ? 'is not an instruction' : 'are not instructions'}`, model, targets: [], directives: [] };
    fragment = true;
  }

  const targets: { finding: Finding; target: SuppressionTarget }[] = [];
  const failures: string[] = [];
  for (const a of rules) {
    // A rule that throws costs only its own findings on this file: the others still run.
    guarded(a.meta.id, failures, () => a.rule.check({
      model,
      params: a.params,
      report: (r) => {
        // A finding on a word a variable expanded to (expand.ts) names where the value came from;
        // a fix that would edit the `$VAR` text is dropped (the value lives on the ARG or ENV line).
        const via = model.expansions.find((e) => r.at.start >= e.start && r.at.end <= e.end);
        if (via) {
          const from = [...new Set(via.used.map((u) => (u.line > 0 ? `${u.keyword} ${u.name}, line ${u.line}` : `the default value of ${u.name}`)))].join('; ');
          r = { ...r, message: `${r.message} (expanded from ${from})`, fix: r.fix?.edits.some((e) => e.start < via.end && e.end > via.start) ? undefined : r.fix };
        }
        const span = file.lines.span(r.at.start, r.at.end);
        const references = referencesFor(a.meta, r.condition);
        const finding = collector.add({
          active: a,
          references,
          path: file.path,
          span,
          snippet: `${file.text.slice(r.at.start, Math.min(r.at.end, r.at.start + 160))}\0${r.message}`,
          message: r.message,
          resource: null,
          container: null,
          fix: r.fix ?? null,
        });
        targets.push({ finding, target: { file: file.path, ruleId: a.meta.id, references, line: span.line, objectKey: null } });
      },
    }));
  }
  if (failures.length) return { status: 'error', reason: failures.join('; '), model, targets, directives: dockerfileDirectives(model) };
  const unparsed = model.instructions.filter((i) => i.shell?.error);
  const reasons = [
    fragment ? 'no FROM: checked as a fragment (instruction-level rules only)' : null,
    unparsed.length ? `shell syntax not understood in RUN at line ${unparsed.map((i) => i.line).join(', ')} (${unparsed[0].shell!.error}); the rest of the file was checked` : null,
  ].filter(Boolean);
  const reason = reasons.length ? reasons.join('; ') : null;
  return { status: 'scanned', reason, model, targets, directives: dockerfileDirectives(model) };
}
