// `.riskgate.yaml`: which rules run, at what severity, with which parameters, on which files,
// and when the scan fails. Validated against the rules that exist, with errors that name the
// file, line and key to fix.

import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml } from './yaml/parse.js';
import { YMap, YScalar, YSeq, type YNode, type YPair } from './yaml/ast.js';
import { LineIndex } from './text.js';
import { SEVERITIES, type Severity } from './types.js';
import type { ParamSpec, Params, RuleMeta } from './rule.js';
import { suggest as closest } from './suggest.js';
import { defaultRenderSettings, type ChartRenderSettings, type RenderSettings } from './render/settings.js';

export type FailOn = Severity | 'none';

export interface RuleSetting {
  enabled: boolean;
  severity: Severity | null;
  params: Params;
}

export interface Config {
  /** Where the configuration came from, or null for defaults. */
  path: string | null;
  failOn: FailOn;
  include: string[];
  exclude: string[];
  maxFileSize: number;
  rules: Record<string, Partial<RuleSetting>>;
  /** How Helm charts and Kustomize roots are rendered. */
  render: RenderSettings;
}

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

export const CONFIG_FILE_NAMES = ['.riskgate.yaml', '.riskgate.yml'];

export function defaultConfig(): Config {
  return { path: null, failOn: 'high', include: [], exclude: [], maxFileSize: DEFAULT_MAX_FILE_SIZE, rules: {}, render: defaultRenderSettings() };
}

export class ConfigError extends Error {}

const TOP_KEYS: Record<string, string> = {
  failOn: 'lowest severity that fails the scan: critical, high, medium, low, info or none',
  include: 'globs of files to scan (relative to the scanned root); when set, only matching files are scanned',
  exclude: 'globs of files and directories to leave out',
  maxFileSize: 'largest file scanned, in bytes; larger files are reported and skipped',
  rules: 'per-rule settings: off, on, a severity, or {enabled, severity, params}',
  render: 'how Helm charts and Kustomize roots are rendered: {enabled, timeout, maxOutput, unrendered, helm: {path, charts, dependencyUpdate}, kustomize: {path, enableHelm}}',
};

const RENDER_KEYS: Record<string, string> = {
  enabled: 'render Helm charts and Kustomize roots (default true); false scans only plain files',
  timeout: 'seconds one render may take (default 60)',
  maxOutput: 'largest rendered output accepted, in bytes (default 32 MiB)',
  unrendered: 'a chart or Kustomize root that cannot be rendered is NOT checked: fail (default) fails the gate, warn only reports it',
  helm: 'helm: {path: the helm binary (default: helm on PATH), charts: {<chart dir>: {releaseName, namespace, valuesFiles, set}}, dependencyUpdate: run helm dependency build for dependencies the checkout lacks (network; default false)}',
  kustomize: 'kustomize: {path: kustomize or kubectl binary (default: kustomize, else kubectl, on PATH), enableHelm: inflate helmCharts (default false)}',
};

/** Finds `.riskgate.yaml` in `root`, or reads `explicit`. */
export function loadConfig(explicit: string | null, root: string, rules: RuleMeta[]): Config {
  let path = explicit;
  if (!path) {
    for (const name of CONFIG_FILE_NAMES) if (existsSync(join(root, name))) path = join(root, name);
    if (!path) return defaultConfig();
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`${path}: cannot read the configuration file (${(e as Error).message})`);
  }
  return parseConfig(text, path, rules);
}

export function parseConfig(text: string, path: string, rules: RuleMeta[]): Config {
  const lines = new LineIndex(text);
  const parsed = parseYaml(text, lines);
  if (parsed.errors.length) {
    const e = parsed.errors[0];
    throw new ConfigError(`${path}:${e.line}:${e.column}: invalid YAML: ${e.message}`);
  }
  const config = defaultConfig();
  config.path = path;
  const root = parsed.documents[0]?.root ?? null;
  if (root === null || (root instanceof YScalar && root.value === null)) return config;
  const where = (n: YNode | YPair) => {
    const p = lines.position(n.start);
    return `${path}:${p.line}:${p.column}`;
  };
  if (!(root instanceof YMap)) throw new ConfigError(`${where(root)}: the configuration must be a mapping of settings (${Object.keys(TOP_KEYS).join(', ')})`);
  const byId = new Map(rules.map((r) => [r.id, r]));

  for (const pair of root.pairs) {
    const key = pair.keyText;
    const v = pair.value;
    switch (key) {
      case 'failOn':
        config.failOn = oneOf(v, [...SEVERITIES, 'none'], `${where(v)}: failOn`) as FailOn;
        break;
      case 'include':
      case 'exclude':
        config[key] = stringList(v, `${where(v)}: ${key}`);
        break;
      case 'maxFileSize': {
        if (!(v instanceof YScalar) || typeof v.value !== 'number' || !Number.isInteger(v.value) || v.value <= 0)
          throw new ConfigError(`${where(v)}: maxFileSize must be a positive whole number of bytes, got ${describe(v)}`);
        config.maxFileSize = v.value;
        break;
      }
      case 'render':
        config.render = renderSettings(v, where);
        break;
      case 'rules':
        if (v instanceof YScalar && v.value === null) break;
        if (!(v instanceof YMap)) throw new ConfigError(`${where(v)}: rules must be a mapping of rule ID to setting`);
        for (const rp of v.pairs) {
          const meta = byId.get(rp.keyText);
          if (!meta) throw new ConfigError(`${where(rp.key)}: unknown rule '${rp.keyText}'${suggest(rp.keyText, [...byId.keys()])} (list them with: riskgate rules)`);
          config.rules[meta.id] = ruleSetting(rp.value, meta, where);
        }
        break;
      default:
        throw new ConfigError(`${where(pair.key)}: unknown key '${key}'${suggest(key, Object.keys(TOP_KEYS))}; allowed keys: ${Object.keys(TOP_KEYS).join(', ')}`);
    }
  }
  return config;
}

function renderSettings(v: YNode, where: (n: YNode | YPair) => string): RenderSettings {
  const out = defaultRenderSettings();
  if (v instanceof YScalar && v.value === null) return out;
  if (!(v instanceof YMap)) throw new ConfigError(`${where(v)}: render must be a mapping (${Object.keys(RENDER_KEYS).join(', ')})`);
  for (const p of v.pairs) {
    const val = p.value;
    switch (p.keyText) {
      case 'enabled':
        out.enabled = bool(val, `${where(val)}: render.enabled`);
        break;
      case 'timeout':
      case 'maxOutput':
        if (!(val instanceof YScalar) || typeof val.value !== 'number' || !(val.value > 0)) throw new ConfigError(`${where(val)}: render.${p.keyText} must be a positive number, got ${describe(val)}`);
        out[p.keyText] = val.value;
        break;
      case 'unrendered':
        if (!(val instanceof YScalar) || (val.value !== 'fail' && val.value !== 'warn')) throw new ConfigError(`${where(val)}: render.unrendered must be fail or warn, got ${describe(val)}`);
        out.unrendered = val.value;
        break;
      case 'helm': {
        if (!(val instanceof YMap)) throw new ConfigError(`${where(val)}: render.helm must be a mapping {path, charts, dependencyUpdate}`);
        for (const hp of val.pairs) {
          if (hp.keyText === 'path') out.helm.path = str(hp.value, `${where(hp.value)}: render.helm.path`);
          else if (hp.keyText === 'dependencyUpdate') out.helm.dependencyUpdate = bool(hp.value, `${where(hp.value)}: render.helm.dependencyUpdate`);
          else if (hp.keyText === 'charts') {
            if (!(hp.value instanceof YMap)) throw new ConfigError(`${where(hp.value)}: render.helm.charts must map a chart directory (relative to the repository root) to {releaseName, namespace, valuesFiles, set}`);
            for (const cp of hp.value.pairs) out.helm.charts[cp.keyText.replace(/^\.\//, '').replace(/\/+$/, '') || '.'] = chartSetting(cp.value, `render.helm.charts.${cp.keyText}`, where);
          } else throw new ConfigError(`${where(hp.key)}: unknown key '${hp.keyText}' in render.helm${suggest(hp.keyText, ['path', 'charts', 'dependencyUpdate'])}; allowed: path, charts, dependencyUpdate`);
        }
        break;
      }
      case 'kustomize': {
        if (!(val instanceof YMap)) throw new ConfigError(`${where(val)}: render.kustomize must be a mapping {path, enableHelm}`);
        for (const kp of val.pairs) {
          if (kp.keyText === 'path') out.kustomize.path = str(kp.value, `${where(kp.value)}: render.kustomize.path`);
          else if (kp.keyText === 'enableHelm') out.kustomize.enableHelm = bool(kp.value, `${where(kp.value)}: render.kustomize.enableHelm`);
          else throw new ConfigError(`${where(kp.key)}: unknown key '${kp.keyText}' in render.kustomize${suggest(kp.keyText, ['path', 'enableHelm'])}; allowed: path, enableHelm`);
        }
        break;
      }
      default:
        throw new ConfigError(`${where(p.key)}: unknown key '${p.keyText}' in render${suggest(p.keyText, Object.keys(RENDER_KEYS))}; allowed: ${Object.keys(RENDER_KEYS).join(', ')}`);
    }
  }
  return out;
}

function chartSetting(v: YNode, label: string, where: (n: YNode | YPair) => string): Partial<ChartRenderSettings> {
  if (!(v instanceof YMap)) throw new ConfigError(`${where(v)}: ${label} must be a mapping {releaseName, namespace, valuesFiles, set}`);
  const out: Partial<ChartRenderSettings> = {};
  for (const p of v.pairs) {
    switch (p.keyText) {
      case 'releaseName':
      case 'namespace':
        out[p.keyText] = str(p.value, `${where(p.value)}: ${label}.${p.keyText}`);
        break;
      case 'valuesFiles':
      case 'set':
        out[p.keyText] = stringList(p.value, `${where(p.value)}: ${label}.${p.keyText}`);
        break;
      default:
        throw new ConfigError(`${where(p.key)}: unknown key '${p.keyText}' in ${label}${suggest(p.keyText, ['releaseName', 'namespace', 'valuesFiles', 'set'])}; allowed: releaseName, namespace, valuesFiles, set`);
    }
  }
  return out;
}

function bool(v: YNode, label: string): boolean {
  if (v instanceof YScalar && typeof v.value === 'boolean') return v.value;
  throw new ConfigError(`${label} must be true or false, got ${describe(v)}`);
}

function str(v: YNode, label: string): string {
  if (v instanceof YScalar && v.value !== null && v.text !== '') return v.text;
  throw new ConfigError(`${label} must be a non-empty string, got ${describe(v)}`);
}

function ruleSetting(v: YNode, meta: RuleMeta, where: (n: YNode | YPair) => string): Partial<RuleSetting> {
  const label = `rules.${meta.id}`;
  if (v instanceof YScalar) {
    if (v.value === false || v.text === 'off') return { enabled: false };
    if (v.value === true || v.text === 'on') return { enabled: true };
    if ((SEVERITIES as readonly string[]).includes(v.text)) return { enabled: true, severity: v.text as Severity };
    throw new ConfigError(`${where(v)}: ${label} must be off, on, one of ${SEVERITIES.join('/')}, or a mapping {enabled, severity, params}; got ${describe(v)}`);
  }
  if (!(v instanceof YMap)) throw new ConfigError(`${where(v)}: ${label} must be off, on, a severity, or a mapping`);
  const out: Partial<RuleSetting> = {};
  for (const p of v.pairs) {
    switch (p.keyText) {
      case 'enabled':
        if (!(p.value instanceof YScalar) || typeof p.value.value !== 'boolean') throw new ConfigError(`${where(p.value)}: ${label}.enabled must be true or false, got ${describe(p.value)}`);
        out.enabled = p.value.value;
        break;
      case 'severity':
        out.severity = oneOf(p.value, SEVERITIES, `${where(p.value)}: ${label}.severity`) as Severity;
        break;
      case 'params': {
        if (!(p.value instanceof YMap)) throw new ConfigError(`${where(p.value)}: ${label}.params must be a mapping`);
        const specs = meta.params ?? {};
        out.params = {};
        for (const pp of p.value.pairs) {
          const spec = specs[pp.keyText];
          if (!spec) {
            const known = Object.keys(specs);
            throw new ConfigError(`${where(pp.key)}: rule ${meta.id} has no parameter '${pp.keyText}'${known.length ? `; its parameters: ${known.join(', ')}` : ' (it takes none)'}`);
          }
          out.params[pp.keyText] = paramValue(pp.value, spec, `${where(pp.value)}: ${label}.params.${pp.keyText}`);
        }
        break;
      }
      default:
        throw new ConfigError(`${where(p.key)}: unknown key '${p.keyText}' in ${label}; allowed: enabled, severity, params`);
    }
  }
  return out;
}

function paramValue(v: YNode, spec: ParamSpec, label: string): string | number | boolean | string[] {
  switch (spec.type) {
    case 'string[]':
      return stringList(v, label);
    case 'number':
      if (v instanceof YScalar && typeof v.value === 'number') return v.value;
      break;
    case 'boolean':
      if (v instanceof YScalar && typeof v.value === 'boolean') return v.value;
      break;
    case 'string':
      if (v instanceof YScalar && v.value !== null) return v.text;
      break;
  }
  throw new ConfigError(`${label} must be a ${spec.type}, got ${describe(v)}`);
}

function oneOf(v: YNode, allowed: readonly string[], label: string): string {
  if (v instanceof YScalar && allowed.includes(v.text)) return v.text;
  throw new ConfigError(`${label} must be one of ${allowed.join(', ')}; got ${describe(v)}`);
}

function stringList(v: YNode, label: string): string[] {
  if (v instanceof YScalar && typeof v.value === 'string') return [v.value];
  if (v instanceof YSeq && v.items.every((i) => i instanceof YScalar && i.value !== null)) return v.strings();
  throw new ConfigError(`${label} must be a list of strings, got ${describe(v)}`);
}

function describe(v: YNode): string {
  if (v instanceof YScalar) return v.value === null ? 'nothing' : JSON.stringify(v.text.slice(0, 60));
  return v instanceof YMap ? 'a mapping' : 'a list';
}

function suggest(got: string, options: string[]): string {
  const best = closest(got, options);
  return best ? ` (did you mean '${best}'?)` : '';
}

/** The JSON Schema for editor completion (`schemas/riskgate-config.schema.json`), built from the same facts. */
export function configJsonSchema(rules: RuleMeta[]): object {
  const severity = { enum: [...SEVERITIES] };
  const ruleProps: Record<string, object> = {};
  for (const r of rules) {
    const params: Record<string, object> = {};
    for (const [k, s] of Object.entries(r.params ?? {})) {
      params[k] = {
        description: `${s.description} (default: ${JSON.stringify(s.default)})`,
        ...(s.type === 'string[]' ? { type: 'array', items: { type: 'string' } } : { type: s.type as string }),
      };
    }
    ruleProps[r.id] = {
      description: `${r.title} (default severity: ${r.severity})`,
      oneOf: [
        { enum: ['off', 'on', false, true, ...SEVERITIES] },
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            enabled: { type: 'boolean' },
            severity,
            params: { type: 'object', additionalProperties: false, properties: params },
          },
        },
      ],
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'riskgate configuration (.riskgate.yaml)',
    type: 'object',
    additionalProperties: false,
    properties: {
      failOn: { description: TOP_KEYS.failOn, enum: [...SEVERITIES, 'none'] },
      include: { description: TOP_KEYS.include, type: 'array', items: { type: 'string' } },
      exclude: { description: TOP_KEYS.exclude, type: 'array', items: { type: 'string' } },
      maxFileSize: { description: TOP_KEYS.maxFileSize, type: 'integer', minimum: 1 },
      rules: { description: TOP_KEYS.rules, type: 'object', additionalProperties: false, properties: ruleProps },
      render: {
        description: TOP_KEYS.render,
        type: 'object',
        additionalProperties: false,
        properties: {
          enabled: { description: RENDER_KEYS.enabled, type: 'boolean' },
          timeout: { description: RENDER_KEYS.timeout, type: 'number', exclusiveMinimum: 0 },
          maxOutput: { description: RENDER_KEYS.maxOutput, type: 'number', exclusiveMinimum: 0 },
          unrendered: { description: RENDER_KEYS.unrendered, enum: ['fail', 'warn'] },
          helm: {
            description: RENDER_KEYS.helm,
            type: 'object',
            additionalProperties: false,
            properties: {
              path: { type: 'string', minLength: 1 },
              dependencyUpdate: { type: 'boolean' },
              charts: {
                type: 'object',
                additionalProperties: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    releaseName: { type: 'string', minLength: 1 },
                    namespace: { type: 'string', minLength: 1 },
                    valuesFiles: { type: 'array', items: { type: 'string' } },
                    set: { type: 'array', items: { type: 'string' } },
                  },
                },
              },
            },
          },
          kustomize: {
            description: RENDER_KEYS.kustomize,
            type: 'object',
            additionalProperties: false,
            properties: { path: { type: 'string', minLength: 1 }, enableHelm: { type: 'boolean' } },
          },
        },
      },
    },
  };
}
