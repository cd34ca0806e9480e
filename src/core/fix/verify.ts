// Verifies what fixing a file did: fixed findings gone, nothing new, still parseable, only the
// fixed settings changed, idempotent. Used by the tests on every fixture and by
// bench/fix-corpus on public files.

import { fixSources, type FixInput, type FixOutcome } from './fix-files.js';
import { scanFiles } from '../engine.js';
import type { Config } from '../config.js';
import { parseYaml } from '../yaml/parse.js';
import { toPlain } from '../yaml/ast.js';
import { parseDockerfile } from '../docker/model.js';
import { fromText } from '../source-file.js';
import type { Finding } from '../types.js';

/** Keys a Kubernetes fix may add, change or remove. */
export const FIXABLE_KEYS = new Set([
  'securityContext', 'privileged', 'allowPrivilegeEscalation', 'runAsNonRoot', 'readOnlyRootFilesystem', 'capabilities', 'drop', 'add',
  'seccompProfile', 'type', 'hostPID', 'hostIPC', 'hostNetwork', 'hostPort', 'automountServiceAccountToken', 'procMount', 'imagePullPolicy', 'readOnly',
]);

export function diffPaths(a: unknown, b: unknown, path: string[] = []): string[][] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => diffPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], [...path, k]));
  }
  return [path];
}

const identity = (f: Finding) => `${f.ruleId}|${f.resource?.kind}/${f.resource?.namespace}/${f.resource?.name}|${f.container}`;

export interface Verification {
  outcome: FixOutcome;
  fixed: string;
  problems: string[];
}

export function verifyFix(file: FixInput, config: Config, today?: string): Verification {
  const problems: string[] = [];
  const before = scanFiles([file], config, today);
  const outcome = fixSources([file], config, { today, unsafe: true });
  const fixed = outcome.changed.get(file.path) ?? file.text;
  if (!outcome.changed.size) return { outcome, fixed, problems };
  const after = scanFiles([{ ...file, text: fixed }], config, today);
  const status = (r: typeof after) => r.files.map((f) => `${f.status}:${f.reason ? f.reason.replace(/\d+/g, 'N') : ''}`).join();
  if (status(after) !== status(before)) problems.push(`parse status changed: ${status(before)} -> ${status(after)}`);
  const left = after.findings.filter((f) => f.fix && !f.suppressed);
  if (left.length) problems.push(`fixable findings left: ${left.map((f) => `${f.ruleId}:${f.line}`).join(', ')}`);
  const beforeIds = new Set(before.findings.map(identity));
  const fresh = after.findings.map(identity).filter((id) => !beforeIds.has(id));
  if (fresh.length) problems.push(`new findings: ${fresh.join(', ')}`);
  if (file.kind === 'manifest') {
    const a = parseYaml(file.text).documents.map((d) => (d.root ? toPlain(d.root) : null));
    const b = parseYaml(fixed).documents.map((d) => (d.root ? toPlain(d.root) : null));
    if (a.length !== b.length) problems.push(`document count changed: ${a.length} -> ${b.length}`);
    const stray = diffPaths(a, b).filter((p) => !p.some((k) => FIXABLE_KEYS.has(k)));
    if (stray.length) problems.push(`unrelated changes at ${stray.map((p) => p.join('.')).join(', ')}`);
  } else {
    const kw = (t: string) => parseDockerfile(fromText('Dockerfile', t)).instructions.map((i) => i.keyword);
    const norm = (l: string[]) => l.filter((k) => k !== 'SHELL' && k !== 'USER').map((k) => (k === 'ADD' ? 'COPY' : k === 'MAINTAINER' ? 'LABEL' : k)).join(' ');
    if (norm(kw(fixed)) !== norm(kw(file.text))) problems.push('instructions changed beyond the fixed ones');
  }
  const again = fixSources([{ ...file, text: fixed }], config, { today, unsafe: true });
  if (again.changed.size) problems.push('fixing again changes the file');
  return { outcome, fixed, problems };
}
