// Every command's usage, in one place: `riskgate --help` is made of them, `riskgate CMD --help`
// prints one, and the README's command reference is generated from them (test/cli-usage.test.ts
// fails when the two disagree; `npm run docs` rewrites the README's block).

import { VERSION } from '../version.js';

export const EXIT_CODES = `Exit codes (every command, plain files, charts and Kustomize roots alike):
  0  nothing unsuppressed at or above --fail-on (and no risk at or above --fail-on-risk) remains
  1  something does: for scan and merge, in the report; for fix, after the fixes it wrote (or, with
     --dry-run, would write), or a fix could not be written
  2  usage or configuration error (a path argument that does not exist is one), or (scan --strict)
     a file that could not be parsed or rendered`;

export const USAGE = {
  scan: `Usage: riskgate scan [paths…] [options]
  Scan files and directories (default: .): Dockerfiles, Kubernetes manifests, Helm charts, Kustomize roots.

Options:
  --files-from FILE          also check the paths listed in FILE (- for standard input),
                             one per line or NUL-separated; nothing else when the list is empty
  --format text|json|sarif   output format (default: text)
  -o, --output FILE          write the report to FILE instead of standard output
  --config FILE              configuration file (default: .riskgate.yaml in the scanned directory)
  --fail-on SEVERITY         exit 1 when an unsuppressed finding is at or above it:
                             critical, high, medium, low, info, none (default: high, or failOn in the config)
  --fail-on-risk N           also exit 1 when a resource's risk score is N or more (0-100)
  --baseline DIR|GIT-REF     compare with the same files as they were: new, worsened, improved, removed
  --fail-on-increase         with --baseline: fail only on new findings and resources whose risk rose
  --no-risk                  skip the risk model
  --jobs N|auto              worker threads that read, parse and check files (default: auto, one
                             fewer than the cores, fewer for small scans; on 2 cores, one worker
                             for 150 or more Dockerfiles beside the main thread); the report is
                             the same for any N
  --shard I/N                check and report only shard I of N (files split by a hash of their path;
                             every manifest is still read for cross-object checks); merge the JSON reports
  --strict                   exit 2 when a file cannot be parsed
  --prove-fixes              prove fixes in charts and Kustomize roots by rendering again (JSON and
                             SARIF then carry only proved ones; without it they are marked unproved)
  --pretty                   indent JSON and SARIF (default: indented only on a terminal; compact,
                             one line, when written to a file or a pipe)
  --show-suppressed          list suppressed findings in text output too
  --no-color                 no colours (also: NO_COLOR, or when output is not a terminal)
  -h, --help                 this help`,
  fix: `Usage: riskgate fix [paths…] [options]
  Apply the rules' safe fixes in place (charts and Kustomize roots through their rendering); every
  write is verified and atomic.

Options:
  --rule ID                  only this rule's fixes (repeatable)
  --dry-run                  print the fixes as a unified diff; write nothing
  --unsafe-fixes             also apply fixes that can change how the image builds or the workload runs
  --files-from FILE          also fix the paths listed in FILE (- for standard input)
  --config FILE              configuration file (default: .riskgate.yaml in the fixed directory)
  --fail-on SEVERITY         exit 1 when a finding at or above it remains (default: high, or failOn)
  -h, --help                 this help`,
  rules: `Usage: riskgate rules [options]
  List every rule with its metadata.

Options:
  --format text|json         output format (default: text)
  -h, --help                 this help`,
  resolve: `Usage: riskgate resolve FILE…
  Print each document as the JSON riskgate checks (aliases, merge keys, tags and duplicate keys
  resolved as kubectl does); ambiguities go to standard error.

Options:
  -h, --help                 this help`,
  merge: `Usage: riskgate merge SHARD.json… [options]
  Combine the JSON reports of scan --shard runs into one report and gate.

Options:
  --format text|json|sarif   output format (default: text)
  -o, --output FILE          write the report to FILE instead of standard output
  --config FILE              configuration file
  --fail-on SEVERITY         exit 1 when an unsuppressed finding is at or above it (default: high)
  --fail-on-risk N           also exit 1 when a resource's risk score is N or more (0-100)
  --pretty                   indent JSON and SARIF (default: only on a terminal)
  --no-color                 no colours
  -h, --help                 this help`,
} as const;

export type CommandName = keyof typeof USAGE;

/** `riskgate --help`: every command's usage, then the exit codes. */
export function fullHelp(): string {
  const commands = (Object.keys(USAGE) as CommandName[]).map((c) => USAGE[c]).join('\n\n');
  return `riskgate ${VERSION}: stops risky Dockerfile and Kubernetes configuration before it merges

Commands: scan, fix, rules, resolve, merge; riskgate COMMAND --help shows one; riskgate --version.

${commands}

${EXIT_CODES}
`;
}

/** The README's command reference: the same texts, versionless (a release must not make the README stale). */
export function readmeReference(): string {
  const commands = (Object.keys(USAGE) as CommandName[]).map((c) => USAGE[c]).join('\n\n');
  return `\`\`\`text\n${commands}\n\n${EXIT_CODES}\n\`\`\``;
}

export const README_START = '<!-- command-reference:start (generated from src/cli/usage.ts by npm run docs) -->';
export const README_END = '<!-- command-reference:end -->';

/** The README with its command-reference block rewritten from these texts. */
export function withCommandReference(readme: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README has no command-reference markers (${README_START} … ${README_END})`);
  return `${readme.slice(0, start + README_START.length)}\n${readmeReference()}\n${readme.slice(end)}`;
}
