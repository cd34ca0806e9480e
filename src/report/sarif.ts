// SARIF 2.1.0 for GitHub code scanning: rule metadata with security-severity, exact regions,
// fingerprints that survive unrelated edits, in-source suppressions.

import type { ScanResult } from '../core/engine.js';
import type { Finding, ResourceReport, Severity } from '../core/types.js';
import type { RuleMeta } from '../core/rule.js';
import { modelIdentity } from '../core/identity.js';
import { resourceLookup } from '../core/risk/features.js';
import { DOCS_BASE, TOOL_NAME, VERSION } from '../version.js';

/** GitHub maps security-severity to its labels: ≥9 critical, ≥7 high, ≥4 medium, >0 low. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.5' };
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

export function ruleDocUrl(id: string): string {
  return `${DOCS_BASE}/${id}.md`;
}

export function toSarif(result: ScanResult, rules: RuleMeta[]): object {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const resourceOf = resourceLookup(result.resources);
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: DOCS_BASE.replace(/\/blob\/main\/docs\/rules$/, ''),
            rules: rules.map(sarifRule),
            // Which model scored this run (resourceRisk in results).
            ...(modelIdentity() ? { properties: { model: modelIdentity() } } : {}),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The directory riskgate was run from.' } } },
        results: result.findings.map((f) => sarifResult(f, index.get(f.ruleId), result, resourceOf(f))),
        properties: {
          resources: result.resources.map((r) => ({ path: r.path, line: r.line, kind: r.kind, name: r.name, namespace: r.namespace, risk: r.risk, drivers: r.drivers ?? [] })),
        },
      },
    ],
  };
}

function sarifRule(r: RuleMeta): object {
  const tags = ['security', r.target === 'dockerfile' ? 'dockerfile' : 'kubernetes', ...r.catalog];
  return {
    id: r.id,
    name: r.id.split('/').pop()!.replace(/(^|-)(\w)/g, (_, __, ch: string) => ch.toUpperCase()),
    shortDescription: { text: r.title },
    fullDescription: { text: plain(r.description) },
    help: { text: `${plain(r.description)}\n\nRemediation: ${plain(r.remediation)}`, markdown: `${r.description}\n\n**Remediation:** ${r.remediation}\n\n[Rule documentation](${ruleDocUrl(r.id)})` },
    helpUri: ruleDocUrl(r.id),
    defaultConfiguration: { level: LEVEL[r.severity], enabled: r.enabledByDefault !== false },
    properties: { tags, precision: 'high', 'security-severity': SECURITY_SEVERITY[r.severity], references: r.references },
  };
}

function sarifResult(f: Finding, ruleIndex: number | undefined, result: ScanResult, res: ResourceReport | undefined): object {
  const lines = result.sources.get(f.path)?.lines;
  return {
    ruleId: f.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: LEVEL[f.severity],
    message: { text: f.notes?.length ? `${f.message} (${f.notes.join('; ')})` : f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodePath(f.path), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: Math.max(f.endColumn, f.endLine === f.line ? f.column + 1 : 1) },
        },
        ...(f.resource ? { logicalLocations: [{ name: f.resource.name, fullyQualifiedName: `${f.resource.namespace ?? ''}/${f.resource.kind}/${f.resource.name}${f.container ? `/${f.container}` : ''}`, kind: 'resource' }] } : {}),
      },
    ],
    partialFingerprints: { 'riskgate/v1': f.fingerprint },
    // The chain of objects a cross-object finding is about: each placed step as a related location
    // (SARIF 2.1.0 §3.27.22), in order; the internet and built-in roles have no place and are named in the message.
    ...(f.steps?.some((st) => st.path !== null)
      ? {
          relatedLocations: f.steps
            .map((st, i) => ({ st, i }))
            .filter(({ st }) => st.path !== null && st.line !== null)
            .map(({ st, i }) => ({
              id: i + 1,
              physicalLocation: { artifactLocation: { uri: encodePath(st.path!), uriBaseId: '%SRCROOT%' }, region: { startLine: st.line! } },
              message: { text: `step ${i + 1} of ${f.steps!.length}: ${st.note ? `${st.label} (${st.note})` : st.label}` },
            })),
        }
      : {}),
    // An unproved fix in a chart or root is no fix to offer a code-scanning user: left out.
    ...(f.fix && !f.fix.unproved && lines
      ? {
          fixes: [
            {
              description: { text: f.fix.description },
              artifactChanges: [
                {
                  artifactLocation: { uri: encodePath(f.path), uriBaseId: '%SRCROOT%' },
                  replacements: f.fix.edits.map((e) => {
                    const s = lines.span(e.start, e.end);
                    return { deletedRegion: { startLine: s.line, startColumn: s.column, endLine: s.endLine, endColumn: s.endColumn }, insertedContent: { text: e.text } };
                  }),
                },
              ],
            },
          ],
        }
      : {}),
    ...(f.suppressed ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: `${f.suppressed.by}: ${f.suppressed.reason}` }] } : {}),
    properties: {
      severity: f.severity,
      'security-severity': SECURITY_SEVERITY[f.severity],
      references: f.references,
      ...(f.container ? { container: f.container } : {}),
      // Which chart or Kustomize root the finding was rendered from, and how precisely it was placed.
      ...(f.rendered ? { rendered: { by: f.rendered.by, root: f.rendered.root, precision: f.rendered.precision } } : {}),
      ...(res && res.risk !== null ? { resourceRisk: res.risk, riskIfFixed: res.drivers?.find((d) => d.fingerprint === f.fingerprint)?.riskIfFixed ?? res.risk } : {}),
    },
  };
}

/** Relative URI reference: each path segment percent-encoded (spaces, `#`, unicode). */
function encodePath(p: string): string {
  return p.split('/').map((s) => encodeURIComponent(s)).join('/');
}

function plain(md: string): string {
  return md.replace(/`([^`]*)`/g, '$1').replace(/\*\*([^*]*)\*\*/g, '$1');
}
