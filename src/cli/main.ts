// The `riskgate` command: a thin shell over the engine and the reports.

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { scan } from '../core/engine.js';
import { loadConfig, ConfigError, type FailOn } from '../core/config.js';
import { atLeast, SEVERITIES } from '../core/types.js';
import { ruleMetas } from '../rules/index.js';
import { toJsonReport } from '../report/json.js';
import { toSarif } from '../report/sarif.js';
import { formatText } from '../report/text.js';
import { formatRules } from './rules-command.js';
import { fixCommand } from './fix-command.js';
import { parseArgs, single, choice, UsageError } from './args.js';
import { VERSION } from '../version.js';
import { statSync } from 'node:fs';

const HELP = `riskgate ${VERSION}: stops risky Dockerfile and Kubernetes configuration before it merges

Usage:
  riskgate scan [paths…] [options]     scan files and directories (default: .)
  riskgate fix [paths…] [--rule ID…] [--dry-run]
                                       apply the rules' fixes in place (--dry-run: print a diff)
  riskgate rules [--format text|json]  list every rule with its metadata
  riskgate --version | --help

Scan options:
  --format text|json|sarif   output format (default: text)
  --output FILE              write the report to FILE instead of standard output
  --config FILE              configuration file (default: .riskgate.yaml in the scanned directory)
  --fail-on SEVERITY         exit 1 when an unsuppressed finding is at or above it:
                             critical, high, medium, low, info, none (default: high, or failOn in the config)
  --strict                   exit 2 when a file cannot be parsed
  --show-suppressed          list suppressed findings in text output too
  --no-color                 no colours (also: NO_COLOR, or when output is not a terminal)

Exit codes: 0 nothing at or above the threshold, 1 something is, 2 usage, configuration or (with --strict) parse errors.
`;

export interface Io {
  stdout: (s: string) => Promise<void>;
  stderr: (s: string) => void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      await io.stdout(HELP);
      return command ? 0 : 2;
    }
    if (command === '--version' || command === '-v') {
      await io.stdout(`${VERSION}\n`);
      return 0;
    }
    if (command === 'scan') return await scanCommand(rest, io);
    if (command === 'fix') return await fixCommand(rest, io, configRootOf);
    if (command === 'rules') {
      const args = parseArgs(rest, { values: ['--format'], flags: [] });
      const format = choice(args, '--format', ['text', 'json'] as const, 'text');
      await io.stdout(formatRules(ruleMetas(), format));
      return 0;
    }
    throw new UsageError(`unknown command "${command}"; commands: scan, fix, rules (see riskgate --help)`);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) {
      io.stderr(`riskgate: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

async function scanCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { values: ['--format', '--output', '--config', '--fail-on'], flags: ['--strict', '--show-suppressed', '--no-color'] });
  const format = choice(args, '--format', ['text', 'json', 'sarif'] as const, 'text');
  const paths = args.positionals.length ? args.positionals : ['.'];
  const rules = ruleMetas();
  const configRoot = configRootOf(paths, io.cwd);
  const config = loadConfig(single(args, '--config') ?? null, configRoot, rules);
  const failOn = choice(args, '--fail-on', [...SEVERITIES, 'none'] as const, config.failOn) as FailOn;

  const result = scan({ paths, cwd: io.cwd, config, root: configRoot });

  const color = format === 'text' && io.isTTY && !args.flags.has('--no-color') && !io.env.NO_COLOR && !single(args, '--output');
  const report =
    format === 'json'
      ? JSON.stringify(toJsonReport(result), null, 2) + '\n'
      : format === 'sarif'
        ? JSON.stringify(toSarif(result, rules), null, 2) + '\n'
        : formatText(result, { color, showSuppressed: args.flags.has('--show-suppressed'), failOn });
  const output = single(args, '--output');
  if (output) {
    writeFileSync(resolve(io.cwd, output), report);
    io.stderr(`riskgate: wrote ${format} report to ${output}\n`);
  } else {
    await io.stdout(report);
  }

  const blocking = result.findings.filter((f) => !f.suppressed && atLeast(f.severity, failOn));
  const parseErrors = result.files.filter((f) => f.status === 'error');
  if (args.flags.has('--strict') && parseErrors.length) {
    io.stderr(`riskgate: ${parseErrors.length} file(s) could not be parsed (--strict)\n`);
    return 2;
  }
  if (blocking.length && format !== 'text') io.stderr(`riskgate: ${blocking.length} finding(s) at or above ${failOn}\n`);
  return blocking.length ? 1 : 0;
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
