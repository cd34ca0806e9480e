// `riskgate fix [paths…] [--rule ID…] [--dry-run]`: applies the rules' fixes in place, or prints
// them as a unified diff. Exit codes like `scan`, judged on what remains after fixing.

import { resolve } from 'node:path';
import { discover, isDir } from '../core/discovery.js';
import { readSource } from '../core/source-file.js';
import { fixSources, type FixInput } from '../core/fix/fix-files.js';
import { unifiedDiff } from '../core/fix/apply.js';
import { writeFileAtomically } from '../core/fix/write-file.js';
import { atLeast, SEVERITIES } from '../core/types.js';
import { loadConfig, type FailOn } from '../core/config.js';
import { ruleMetas } from '../rules/index.js';
import { stripControl } from '../core/text.js';
import { choice, parseArgs, single, UsageError } from './args.js';
import type { Io } from './main.js';
import { pathsOf } from './files-from.js';
import { planRendering } from '../core/render/targets.js';
import { fixRendered, type RenderedFixOutcome } from '../core/render/fix-rendered.js';
import { findingIdentity } from '../core/findings.js';

export async function fixCommand(argv: string[], io: Io, configRootOf: (paths: string[], cwd: string) => string): Promise<number> {
  const args = parseArgs(argv, { values: ['--rule', '--config', '--fail-on', '--files-from'], flags: ['--dry-run', '--unsafe-fixes'], command: 'fix' });
  const paths = await pathsOf(args.positionals, single(args, '--files-from'), io.cwd, io.stdin);
  const metas = ruleMetas();
  const rules = args.options.get('--rule') ?? null;
  for (const r of rules ?? []) {
    const meta = metas.find((m) => m.id === r);
    if (!meta) throw new UsageError(`unknown rule ${r} (list them with: riskgate rules)`);
    if (!meta.fix?.available) throw new UsageError(`rule ${r} has no automatic fix (${meta.fix?.note ?? 'see its documentation'})`);
  }
  const root = configRootOf(paths, io.cwd);
  const config = loadConfig(single(args, '--config') ?? null, root, metas);
  const failOn = choice(args, '--fail-on', [...SEVERITIES, 'none'] as const, config.failOn) as FailOn;
  const { candidates, problems } = discover(paths, { cwd: io.cwd, root, include: config.include, exclude: config.exclude });
  for (const p of problems) io.stderr(`riskgate: ${stripControl(p.path)}: ${p.reason}\n`);
  // Files of charts and Kustomize roots are fixed through their rendering (fix-rendered.ts).
  const plan = config.render.enabled ? planRendering(candidates, { cwd: io.cwd, root }) : null;
  const rendered = plan?.targets.length ? fixRendered(paths, io.cwd, root, config, { rules, unsafe: args.flags.has('--unsafe-fixes') }) : null;
  const inputs: FixInput[] = [];
  const absOf = new Map<string, string>();
  for (const c of candidates) {
    if (plan?.owners.has(c.absPath)) continue;
    const r = readSource(c.absPath, c.path, config.maxFileSize);
    if (!r.ok) continue;
    inputs.push({ path: c.path, text: r.file.text, kind: c.kind });
    absOf.set(c.path, c.absPath);
  }
  const originals = new Map(inputs.map((i) => [i.path, i.text]));
  const outcome = fixSources(inputs, config, { rules, unsafe: args.flags.has('--unsafe-fixes') });
  if (rendered) {
    for (const [path, text] of rendered.changed) {
      outcome.changed.set(path, text);
      originals.set(path, rendered.originals.get(path)!);
      absOf.set(path, rendered.absolute.get(path)!);
    }
    outcome.applied.push(...rendered.applied.map((a) => ({ path: a.path, line: a.line, ruleId: a.ruleId, description: a.description, pass: 1 })));
    outcome.backedOut.push(...rendered.backedOut);
  }
  const dry = args.flags.has('--dry-run');
  // Writes land only inside the directories named on the command line and the working directory.
  const roots = [io.cwd, ...paths.map((p) => resolve(io.cwd, p)).filter(isDir)];
  let failedWrites = 0;
  const unwritten = new Set<string>();
  for (const [path, text] of outcome.changed) {
    if (dry) {
      await io.stdout(unifiedDiff(stripControl(path), originals.get(path)!, text));
      continue;
    }
    try {
      writeFileAtomically(resolve(absOf.get(path)!), originals.get(path)!, text, roots);
    } catch (e) {
      failedWrites++;
      unwritten.add(path);
      outcome.applied = outcome.applied.filter((a) => a.path !== path);
      io.stderr(`riskgate: ${stripControl(path)}: not written: ${stripControl((e as Error).message)}\n`);
    }
  }
  for (const b of outcome.backedOut)
    io.stderr(`riskgate: ${stripControl(b.path)}:${b.line}: ${b.ruleId} fix backed out, ${b.reason}; fix it by hand\n`);
  // A fix in a base that several roots render is proved once per root but written once: count
  // what was written, and say how many rendered findings it fixes when that differs.
  const written = new Map<string, { path: string }>();
  outcome.applied.forEach((a, i) => written.set('line' in a ? `${a.path}\0${a.line}\0${a.ruleId}\0${a.description}` : String(i), a));
  const byFile = new Map<string, number>();
  for (const a of written.values()) byFile.set(a.path, (byFile.get(a.path) ?? 0) + 1);
  const files = outcome.changed.size - failedWrites;
  const fixedFindings = outcome.applied.length > written.size ? ` (fixing ${outcome.applied.length} findings across the renderings that share them)` : '';
  const summary = `${dry ? 'would apply' : 'applied'} ${written.size} fix${written.size === 1 ? '' : 'es'} in ${files} file${files === 1 ? '' : 's'}${fixedFindings}` +
    (outcome.passes > 1 ? ` (${outcome.passes} passes)` : '');
  io.stderr(`riskgate: ${summary}\n`);
  for (const [path, n] of byFile) io.stderr(`  ${stripControl(path)}: ${n}\n`);
  const held = [...outcome.after.findings.filter((f) => f.fix?.unsafe && !f.suppressed && (!rules || rules.includes(f.ruleId))), ...(rendered?.held ?? [])];
  if (held.length && !args.flags.has('--unsafe-fixes'))
    io.stderr(`riskgate: ${held.length} fix${held.length === 1 ? '' : 'es'} not applied because ${held.length === 1 ? 'it' : 'they'} can change how the image builds or the workload runs (${[...new Set(held.map((f) => f.ruleId))].slice(0, 5).join(', ')}${new Set(held.map((f) => f.ruleId)).size > 5 ? ', …' : ''}); review with --dry-run --unsafe-fixes, then apply with --unsafe-fixes\n`);
  // One rule for plain files, charts and roots: what remains at or above --fail-on after the fixes.
  const remaining = outcome.after.findings.filter((f) => !f.suppressed && atLeast(f.severity, failOn)).length + (rendered ? remainingRendered(rendered, failOn, unwritten) : 0);
  if (remaining) io.stderr(`riskgate: ${remaining} finding(s) at or above ${failOn} need a person (riskgate scan shows them)\n`);
  return remaining || failedWrites ? 1 : 0;
}

/** Rendered findings at or above the threshold that no written fix removed (one fix removes one finding of its identity). */
function remainingRendered(rendered: RenderedFixOutcome, failOn: FailOn, unwritten: Set<string>): number {
  const fixed = new Map<string, number>();
  for (const a of rendered.applied) if (!unwritten.has(a.path)) fixed.set(a.identity, (fixed.get(a.identity) ?? 0) + 1);
  let left = 0;
  for (const f of rendered.before) {
    if (f.suppressed || !atLeast(f.severity, failOn)) continue;
    const id = findingIdentity(f);
    const n = fixed.get(id) ?? 0;
    if (n > 0) fixed.set(id, n - 1);
    else left++;
  }
  return left;
}
