// `riskgate fix` without the I/O: scan, apply every non-conflicting fix, scan again for what
// conflicted or what the first fixes made possible, until nothing changes.
//
// Every pass is verified per file before it is kept (a user's files are sacred): the file must
// still parse as it did, every finding a fix targeted must be gone, and no finding may appear
// that was not there. When the pass's fixes together fail that, they are tried one at a time
// and each fix that breaks it is backed out and reported, never retried.

import { scanFiles, type ScanResult } from '../engine.js';
import type { Config } from '../config.js';
import type { Finding, Fix } from '../types.js';
import { parseYaml } from '../yaml/parse.js';
import { applyEdits, selectFixes } from './apply.js';
import { parseDockerfile } from '../docker/model.js';
import { fromText } from '../source-file.js';
import { append } from '../util/append.js';
import { findingIdentity } from '../findings.js';

export { findingIdentity };

export interface FixInput {
  path: string;
  text: string;
  kind: 'dockerfile' | 'manifest';
}

export interface AppliedFix {
  path: string;
  ruleId: string;
  description: string;
  pass: number;
}

export interface BackedOutFix {
  path: string;
  ruleId: string;
  line: number;
  description: string;
  /** What verification found when the fix was applied. */
  reason: string;
}

export interface FixOutcome {
  /** The new text of every file that changed. */
  changed: Map<string, string>;
  applied: AppliedFix[];
  /** Fixes that failed verification and were not applied. */
  backedOut: BackedOutFix[];
  passes: number;
  /** The scan of the fixed files. */
  after: ScanResult;
}

const MAX_PASSES = 10;
/** Back-outs tried on one file before its fixes are all left unapplied. */
const MAX_BACKOUTS = 32;

type Fixable = Finding & { fix: Fix };

export interface FixOptions {
  /** Only these rules' fixes (null: every rule's). */
  rules?: string[] | null;
  /** Also the fixes that can change behaviour (`riskgate fix --unsafe-fixes`). */
  unsafe?: boolean;
  /** For tests: the date suppression expiry is compared with. */
  today?: string;
}

export function fixSources(files: FixInput[], config: Config, options: FixOptions = {}): FixOutcome {
  const { rules = null, today, unsafe = false } = options;
  const refused = new Map<string, BackedOutFix>();
  const run = runPasses(files, config, rules, today, refused, unsafe);
  const redoAlone = (file: FixInput) => runPasses([file], config, rules, today, refused, unsafe);
  let passes = run.passes;
  let refixed = false;
  for (const file of files) {
    const text = run.changed.get(file.path);
    if (text === undefined) continue;
    const settled = settle(file, text, run.applied.filter((a) => a.path === file.path), refused, redoAlone, config, today);
    if (!settled) continue;
    refixed = true;
    passes = Math.max(passes, settled.passes);
    if (settled.text === undefined) run.changed.delete(file.path);
    else run.changed.set(file.path, settled.text);
    run.applied = [...run.applied.filter((a) => a.path !== file.path), ...settled.applied];
  }
  if (!refixed) return { ...run, backedOut: [...refused.values()] };
  const order = new Map(files.map((f, i) => [f.path, i]));
  const applied = [...run.applied].sort((x, y) => order.get(x.path)! - order.get(y.path)!);
  const after = scanFiles(files.map((f) => ({ ...f, text: run.changed.get(f.path) ?? f.text })), config, today);
  return { changed: run.changed, applied, passes, after, backedOut: [...refused.values()] };
}

/**
 * Judges one changed file against its original (it parses as before, every targeted finding is
 * gone, nothing new). When it fails, the last applied fix is backed out and the file alone is
 * fixed again, until it holds: a back-out costs that file's passes, never a run over every file.
 * Returns null when the file verified as it was, else its new text (undefined: unchanged).
 */
function settle(
  file: FixInput,
  fixed: string,
  applied: PassesResult['applied'],
  refused: Map<string, BackedOutFix>,
  redoAlone: (file: FixInput) => PassesResult,
  config: Config,
  today?: string,
): { text: string | undefined; applied: PassesResult['applied']; passes: number } | null {
  const original = fileState(file, config, today);
  const problemOf = (text: string, mine: PassesResult['applied']) => verifyEdit(original, { ...file, text }, mine.map((a) => a.finding), config, today);
  let problem = problemOf(fixed, applied);
  if (!problem) return null;
  let text: string | undefined = fixed;
  let mine = applied;
  let passes = 0;
  for (let attempt = 0; problem && text !== undefined; attempt++) {
    if (attempt === MAX_BACKOUTS) {
      // Every re-run produced fixes that fail again: leave the file as it was.
      for (const a of mine) refused.set(a.key, { path: file.path, ruleId: a.ruleId, line: a.finding.line, description: a.description, reason: `no combination of fixes verified after ${MAX_BACKOUTS} back-outs (${problem})` });
      return { text: undefined, applied: [], passes };
    }
    const last = mine[mine.length - 1];
    refused.set(last.key, { path: file.path, ruleId: last.ruleId, line: last.finding.line, description: last.description, reason: problem });
    const alone = redoAlone(file);
    text = alone.changed.get(file.path);
    mine = alone.applied;
    passes = Math.max(passes, alone.passes);
    problem = text === undefined ? null : problemOf(text, mine);
  }
  return { text, applied: mine, passes };
}

interface PassesResult {
  changed: Map<string, string>;
  applied: (AppliedFix & { key: string; finding: Fixable })[];
  passes: number;
  after: ScanResult;
}

function runPasses(files: FixInput[], config: Config, rules: string[] | null, today: string | undefined, refused: Map<string, BackedOutFix>, unsafe: boolean): PassesResult {
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const kinds = new Map(files.map((f) => [f.path, f.kind]));
  const applied: PassesResult['applied'] = [];
  const current = () => [...texts].map(([path, text]) => ({ path, text, kind: kinds.get(path)! }));
  let result = scanFiles(current(), config, today);
  let passes = 0;
  while (passes < MAX_PASSES) {
    const fixable = result.findings.filter((f): f is Fixable => f.fix !== null && (unsafe || !f.fix.unsafe) && !f.suppressed && (!rules || rules.includes(f.ruleId)) && !refused.has(fixKey(f)));
    if (!fixable.length) break;
    passes++;
    let changedThisPass = false;
    const byFile = new Map<string, Fixable[]>();
    for (const f of fixable) append(byFile, f.path, f);
    for (const [path, list] of byFile) {
      const input = { path, text: texts.get(path)!, kind: kinds.get(path)! };
      const { text, kept, rejected } = applyVerified(input, list, config, today);
      for (const r of rejected)
        refused.set(fixKey(r.finding), { path, ruleId: r.finding.ruleId, line: r.finding.line, description: r.finding.fix.description, reason: r.reason });
      if (text === input.text) continue;
      texts.set(path, text);
      changedThisPass = true;
      for (const f of kept) applied.push({ path, ruleId: f.ruleId, description: f.fix.description, pass: passes, key: fixKey(f), finding: f });
    }
    if (!changedThisPass) break;
    result = scanFiles(current(), config, today);
  }
  const changed = new Map<string, string>();
  for (const f of files) if (texts.get(f.path) !== f.text) changed.set(f.path, texts.get(f.path)!);
  return { changed, applied, passes, after: result };
}

const fixKey = (f: Finding) => `${f.ruleId}\0${f.fingerprint}`;

/**
 * Applies one file's fixes for one pass and keeps only what verifies. Fixes whose edits conflict
 * with an earlier one wait for the next pass (they are neither kept nor rejected).
 */
export function applyVerified(file: FixInput, findings: Fixable[], config: Config, today?: string): { text: string; kept: Fixable[]; rejected: { finding: Fixable; reason: string }[] } {
  // Identical fixes (two rules adding the same drop: [ALL]) are applied once; every finding
  // sharing the edit is a target of it.
  const groups = new Map<string, Fixable[]>();
  for (const f of findings) {
    const k = JSON.stringify(f.fix.edits);
    append(groups, k, f);
  }
  const unique = [...groups.values()].map((g) => g[0]);
  const { selected } = selectFixes(unique.map((f) => f.fix));
  const chosen = unique.filter((f) => selected.includes(f.fix));
  if (!chosen.length) return { text: file.text, kept: [], rejected: [] };
  const baseline = structureOf(file);
  const attempt = (list: Fixable[]) => {
    const text = applyEdits(file.text, list.flatMap((f) => f.fix.edits));
    return { text, problem: text === file.text ? null : verifyStructure(baseline, { ...file, text }) };
  };

  const all = attempt(chosen);
  if (!all.problem) return { text: all.text, kept: chosen, rejected: [] };
  // Together they fail: add them one at a time, backing out each that breaks the file.
  const kept: Fixable[] = [];
  const rejected: { finding: Fixable; reason: string }[] = [];
  let text = file.text;
  for (const f of chosen) {
    const trial = attempt([...kept, f]);
    if (trial.problem) rejected.push({ finding: f, reason: trial.problem });
    else {
      kept.push(f);
      text = trial.text;
    }
  }
  return { text, kept, rejected };
}

interface Structure {
  status: string;
  documents: number;
}

interface FileState extends Structure {
  counts: Map<string, number>;
}

/** Whether the file parses, and into how many documents: what no fix may change. */
function structureOf(file: FixInput): Structure {
  const text = file.text.replace(/^\ufeff/, '');
  if (file.kind === 'manifest') {
    const parsed = parseYaml(text);
    // Offsets inside a parse error's message move with any edit above it; the error itself does not.
    const errors = parsed.errors.map((e) => `${e.index}:${e.message.replace(/\d+/g, 'N')}`);
    return { status: errors.join(','), documents: parsed.documents.length + parsed.errors.length };
  }
  let status: string;
  try {
    const model = parseDockerfile(fromText(file.path, text));
    status = `${model.instructions.length > 0}:${model.stages.length > 0}:${model.instructions.filter((i) => i.shell?.error).length}`;
  } catch (e) {
    status = `error:${(e as Error).message}`;
  }
  return { status, documents: 0 };
}

/** What the final verification compares: the structure and the findings by identity. */
function fileState(file: FixInput, config: Config, today?: string): FileState {
  const scan = scanFiles([file], config, today);
  const counts = new Map<string, number>();
  for (const x of scan.findings) counts.set(findingIdentity(x), (counts.get(findingIdentity(x)) ?? 0) + 1);
  return { ...structureOf(file), counts };
}


/** Why an edit breaks the file's structure (a document no longer parses, documents lost), or null. */
function verifyStructure(before: Structure, edited: FixInput): string | null {
  return structureProblem(before, structureOf(edited));
}

function structureProblem(before: Structure, after: Structure): string | null {
  if (after.status !== before.status) return `the file would no longer parse as before (${after.status.replace(/:$/, '')})`;
  if (after.documents !== before.documents) return `the file would have ${after.documents} documents instead of ${before.documents}`;
  return null;
}

/** Why the edited file is not acceptable, or null when it is. */
function verifyEdit(before: FileState, edited: FixInput, targeted: Finding[], config: Config, today?: string): string | null {
  const after = fileState(edited, config, today);
  const broken = structureProblem(before, after);
  if (broken) return broken;
  const expected = new Map(before.counts);
  for (const t of targeted) expected.set(findingIdentity(t), (expected.get(findingIdentity(t)) ?? 1) - 1);
  for (const t of targeted) {
    const id = findingIdentity(t);
    if ((after.counts.get(id) ?? 0) > Math.max(0, expected.get(id)!)) return `the fix would not remove the ${t.ruleId} finding it targets`;
  }
  for (const [id, n] of after.counts) {
    if (n > (before.counts.get(id) ?? 0)) return `the fix would introduce a new ${id.split('|')[0]} finding`;
  }
  return null;
}

/** Whether applying one fix alone leaves the file parsing as it did (for a one-click suggestion). */
export function suggestionKeepsStructure(path: string, text: string, fix: Fix): boolean {
  const kind = /\.(ya?ml|json)$/i.test(path) ? 'manifest' : 'dockerfile';
  const before = structureOf({ path, text, kind });
  return verifyStructure(before, { path, text: applyEdits(text, fix.edits), kind }) === null;
}
