// The `riskgate` command: a thin shell over the engine and the reports.

import { mark } from '../core/util/timing.js';
import { writeReport } from './write-report.js';
import { resolve } from 'node:path';
import { scanParallel, parseJobs } from '../core/parallel/scan-parallel.js';
import { loadConfig, ConfigError, type FailOn } from '../core/config.js';
import { SEVERITIES, type FileReport } from '../core/types.js';
import { notCheckedHeadline, notCheckedTargets } from '../core/not-checked.js';
import { ruleMetas } from '../rules/index.js';
import { toJsonReport } from '../report/json.js';
import { toSarif } from '../report/sarif.js';
import { comparisonLine, formatTextLines } from '../report/text.js';
import { formatRules } from './rules-command.js';
import { applyRisk } from './risk.js';
import { startScorer } from '../core/risk/score.js';
import { decideGate } from '../core/gate.js';
import { compare, scanBaseline, type Comparison } from '../core/risk/compare.js';
import { fixCommand } from './fix-command.js';
import { parseArgs, single, choice, riskThreshold, UsageError, HelpRequested } from './args.js';
import { EXIT_CODES, fullHelp, USAGE } from './usage.js';
import { VERSION } from '../version.js';
import { pathsOf } from './files-from.js';
import { versionText } from '../core/identity.js';
import { resolveCommand } from './resolve-command.js';
import { mergeCommand } from './merge-command.js';
import { parseShard, type Shard } from '../core/shard.js';
import { statSync } from 'node:fs';


export interface Io {
  stdout: (s: string) => Promise<void>;
  stderr: (s: string) => void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Standard input, read whole (for --files-from -). */
  stdin: () => Promise<string>;
}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      await io.stdout(fullHelp());
      return command ? 0 : 2;
    }
    if (command === '--version' || command === '-v') {
      await io.stdout(versionText(VERSION, ruleMetas()));
      return 0;
    }
    if (command === 'scan') return await scanCommand(rest, io);
    if (command === 'fix') return await fixCommand(rest, io, configRootOf);
    if (command === 'resolve') return await resolveCommand(rest, io);
    if (command === 'merge') return await mergeCommand(rest, io);
    if (command === 'rules') {
      const args = parseArgs(rest, { values: ['--format'], flags: [], command: 'rules' });
      const format = choice(args, '--format', ['text', 'json'] as const, 'text');
      await io.stdout(formatRules(ruleMetas(), format));
      return 0;
    }
    throw new UsageError(`unknown command "${command}"; commands: scan, fix, rules, resolve, merge (see riskgate --help)`);
  } catch (e) {
    if (e instanceof HelpRequested) {
      await io.stdout(`${USAGE[e.command]}\n\n${EXIT_CODES}\n`);
      return 0;
    }
    if (e instanceof UsageError || e instanceof ConfigError) {
      io.stderr(`riskgate: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

async function scanCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { values: ['--format', '--output', '--config', '--fail-on', '--fail-on-risk', '--baseline', '--files-from', '--shard', '--jobs'], flags: ['--strict', '--show-suppressed', '--no-color', '--fail-on-increase', '--no-risk', '--prove-fixes', '--pretty'], command: 'scan' });
  const format = choice(args, '--format', ['text', 'json', 'sarif'] as const, 'text');
  const paths = await pathsOf(args.positionals, single(args, '--files-from'), io.cwd, io.stdin);
  const rules = ruleMetas();
  const configRoot = configRootOf(paths, io.cwd);
  const config = loadConfig(single(args, '--config') ?? null, configRoot, rules);
  const failOn = choice(args, '--fail-on', [...SEVERITIES, 'none'] as const, config.failOn) as FailOn;

  const failOnRisk = riskThreshold(single(args, '--fail-on-risk'));
  const baseline = single(args, '--baseline');
  if (args.flags.has('--fail-on-increase') && !baseline) throw new UsageError('--fail-on-increase needs --baseline <dir|git-ref> to know what changed');

  let shard: Shard | null = null;
  try {
    shard = single(args, '--shard') ? parseShard(single(args, '--shard')!) : null;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (shard && baseline) throw new UsageError('--shard and --baseline do not go together: compare after merging, or scan the baseline per shard');
  let jobs: number | 'auto';
  try {
    jobs = parseJobs(single(args, '--jobs'));
  } catch (e) {
    throw new UsageError(`--${(e as Error).message}`);
  }
  mark('ready to scan');
  if (!args.flags.has('--no-risk')) startScorer();
  // A JSON report shows no code: the scan need not keep file texts for it.
  const result = await scanParallel({ paths, cwd: io.cwd, config, root: configRoot, shard: shard ?? undefined, keepTexts: format !== 'json', proveFixes: args.flags.has('--prove-fixes') }, jobs);
  mark(`scanned (${result.workers} worker${result.workers === 1 ? '' : 's'})`);
  const scored = args.flags.has('--no-risk') ? false : await applyRisk(result, io.stderr, { threshold: failOnRisk });
  mark('risk scored');
  let comparison: Comparison | null = null;
  if (baseline) {
    let base;
    try {
      base = scanBaseline(baseline, paths, io.cwd, config, configRoot);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (scored) await applyRisk(base, () => undefined, { drivers: false });
    comparison = compare(baseline, base, result);
  }

  const color = format === 'text' && io.isTTY && !args.flags.has('--no-color') && !io.env.NO_COLOR && !single(args, '--output');
  const output = single(args, '--output');
  await writeReport(
    format === 'json'
      ? { json: toJsonReport(result, comparison, shard, { streamed: true }) }
      : format === 'sarif'
        ? { json: toSarif(result, rules) }
        : { lines: formatTextLines(result, { color, showSuppressed: args.flags.has('--show-suppressed'), failOn, comparison }) },
    output,
    io,
    args.flags.has('--pretty'),
  );
  mark('report written');
  if (comparison && format !== 'text') io.stderr(`riskgate: ${comparisonLine(result, comparison)}\n`);
  if (output) io.stderr(`riskgate: wrote ${format} report to ${output}\n`);

  const gate = decideGate(result, { failOn, failOnRisk, onlyIncrease: args.flags.has('--fail-on-increase'), comparison, unrendered: config.render.unrendered });
  if (args.flags.has('--strict')) {
    const strict = strictProblems(result.files);
    if (strict.length) {
      io.stderr(`riskgate: --strict: ${strict.join('; ')}\n`);
      return 2;
    }
  }
  if (gate.reasons.length && format !== 'text') io.stderr(gate.reasons.map((r) => `riskgate: ${r}\n`).join(''));
  if (gate.reasons.length && format === 'text') io.stderr(gate.reasons.map((r) => `riskgate: ${r}\n`).join(''));
  return gate.fail ? 1 : 0;
}

/** What --strict refuses, by cause: files that could not be read or parsed, charts and roots that could not be rendered. */
function strictProblems(files: FileReport[]): string[] {
  const unreadable = files.filter((f) => f.status === 'error');
  const notChecked = notCheckedTargets(files);
  const out: string[] = [];
  if (unreadable.length) out.push(`${unreadable.length} file(s) could not be read or parsed (first: ${unreadable[0].path}: ${unreadable[0].reason})`);
  if (notChecked.length) out.push(`${notCheckedHeadline(notChecked)}, because they could not be rendered (first: ${notChecked[0].path}: ${notChecked[0].reason})`);
  return out;
}

/** The directory whose .riskgate.yaml applies: the single directory scanned, else the working directory. */
export function configRootOf(paths: string[], cwd: string): string {
  if (paths.length === 1) {
    const abs = resolve(cwd, paths[0]);
    try {
      if (statSync(abs).isDirectory()) return abs;
    } catch {
      /* a missing path is reported by the scan */
    }
  }
  return cwd;
}
