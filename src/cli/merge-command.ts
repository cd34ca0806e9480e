// `riskgate merge shard-*.json`: the JSON reports of `riskgate scan --shard i/n` runs, combined
// into the report one scan of everything gives (JSON, SARIF or text) and its gate decision. The
// shards' findings and scores are already those of a whole scan (every shard reads every manifest
// for cross-object facts); what only the whole can say, outliers among a kind, is computed here.

import { existsSync, readFileSync } from 'node:fs';
import { writeReport } from './write-report.js';
import { resolve } from 'node:path';
import { compareResources, type ScanResult } from '../core/engine.js';
import { loadConfig, type FailOn } from '../core/config.js';
import { compareFindings } from '../core/findings.js';
import { decideGate } from '../core/gate.js';
import { markOutliers } from '../core/risk/explain.js';
import { readSource, type SourceFile } from '../core/source-file.js';
import { SEVERITIES, type FileReport, type Finding, type ResourceReport } from '../core/types.js';
import { ruleMetas } from '../rules/index.js';
import { JSON_REPORT_VERSION, toJsonReport } from '../report/json.js';
import { toSarif } from '../report/sarif.js';
import { formatTextLines } from '../report/text.js';
import { stripControl } from '../core/text.js';
import { choice, parseArgs, riskThreshold, single, UsageError } from './args.js';
import type { Io } from './main.js';

interface ShardReport {
  version: number;
  shard?: { index: number; count: number };
  files: FileReport[];
  findings: (Omit<Finding, 'fix'> & { fix?: { description: string; unsafe: boolean; proved?: false; edits: { start: number; end: number; text: string }[] } })[];
  resources: ResourceReport[];
}

export async function mergeCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { values: ['--format', '--output', '--fail-on', '--fail-on-risk', '--config'], flags: ['--no-color', '--pretty'], command: 'merge' });
  const format = choice(args, '--format', ['text', 'json', 'sarif'] as const, 'text');
  if (!args.positionals.length) throw new UsageError('riskgate merge needs the JSON reports of riskgate scan --shard i/n --format json');
  const reports = args.positionals.map((p) => readReport(resolve(io.cwd, p), p));
  const counts = new Set(reports.map((r) => r.report.shard!.count));
  if (counts.size !== 1) throw new UsageError(`the reports come from different splits (${[...counts].map((n) => `/${n}`).join(', ')}); merge the shards of one run`);
  const count = [...counts][0];
  const seen = new Map<number, string>();
  for (const { report, name } of reports) {
    const i = report.shard!.index;
    if (seen.has(i)) throw new UsageError(`shard ${i}/${count} is given twice (${seen.get(i)} and ${name})`);
    seen.set(i, name);
  }
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((i) => !seen.has(i));
  if (missing.length) throw new UsageError(`shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: a merge of part of the shards would pass what the rest would block`);

  const files = filesListedOnce(reports).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const findings: Finding[] = reports.flatMap((r) => r.report.findings).map((f) => ({ ...f, fix: f.fix ? { description: f.fix.description, unsafe: f.fix.unsafe, ...(f.fix.proved === false ? { unproved: true } : {}), edits: f.fix.edits } : null })).sort(compareFindings);
  const resources: ResourceReport[] = reports
    .flatMap((r) => r.report.resources)
    .map((r) => {
      const copy = { ...r };
      delete copy.outlier;
      return copy;
    })
    .sort(compareResources);
  markOutliers(resources);
  // Code frames and SARIF fix regions read the files themselves, when this checkout has them.
  const sources = new Map<string, SourceFile>();
  for (const f of findings) {
    if (sources.has(f.path)) continue;
    const abs = resolve(io.cwd, f.path);
    if (!existsSync(abs)) continue;
    const r = readSource(abs, f.path, 64 * 1024 * 1024);
    if (r.ok) sources.set(f.path, r.file);
  }
  const result: ScanResult = { files, findings, resources, objects: [], sources };

  const config = loadConfig(single(args, '--config') ?? null, io.cwd, ruleMetas());
  const failOn = choice(args, '--fail-on', [...SEVERITIES, 'none'] as const, config.failOn) as FailOn;
  const failOnRisk = riskThreshold(single(args, '--fail-on-risk'));
  const color = format === 'text' && io.isTTY && !args.flags.has('--no-color') && !io.env.NO_COLOR && !single(args, '--output');
  const output = single(args, '--output');
  await writeReport(
    format === 'json' ? { json: toJsonReport(result, null, null, { streamed: true }) } : format === 'sarif' ? { json: toSarif(result, ruleMetas()) } : { lines: formatTextLines(result, { color, showSuppressed: false, failOn, comparison: null }) },
    output,
    io,
    args.flags.has('--pretty'),
  );
  if (output) io.stderr(`riskgate: merged ${count} shard${count === 1 ? '' : 's'} into ${format} report ${output}\n`);
  const gate = decideGate(result, { failOn, failOnRisk, onlyIncrease: false, comparison: null, unrendered: config.render.unrendered });
  if (gate.reasons.length) io.stderr(gate.reasons.map((r) => `riskgate: ${stripControl(r)}\n`).join(''));
  return gate.fail ? 1 : 0;
}

function readReport(abs: string, name: string): { report: ShardReport; name: string } {
  let report: ShardReport;
  try {
    report = JSON.parse(readFileSync(abs, 'utf8')) as ShardReport;
  } catch (e) {
    throw new UsageError(`${name}: not a readable JSON report (${(e as Error).message})`);
  }
  if (report.version !== JSON_REPORT_VERSION) throw new UsageError(`${name}: JSON report version ${report.version}, this riskgate reads version ${JSON_REPORT_VERSION}`);
  if (!report.shard) throw new UsageError(`${name}: not a shard report (write it with riskgate scan --shard i/n --format json)`);
  if (!Array.isArray(report.files) || !Array.isArray(report.findings) || !Array.isArray(report.resources)) throw new UsageError(`${name}: files, findings or resources missing`);
  return { report, name };
}

/**
 * Each file is listed by the one shard that checked it: a chart or Kustomize root goes to its
 * shard with every file it renders, and roots rendering a common file (a shared base) go together
 * (engine.ts, shardMembership). A path listed by two shards means reports of different runs or
 * versions, which would merge into something no scan gives: refused, with what to do.
 */
function filesListedOnce(reports: { report: ShardReport; name: string }[]): FileReport[] {
  const listedBy = new Map<string, string>();
  const out: FileReport[] = [];
  for (const { report, name } of reports)
    for (const f of report.files) {
      const other = listedBy.get(f.path);
      if (other !== undefined) throw new UsageError(`${f.path} is listed by two shards (${other} and ${name}): merge the reports of one riskgate run, all shards from the same version`);
      listedBy.set(f.path, name);
      out.push(f);
    }
  return out;
}
