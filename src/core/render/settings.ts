// How charts and overlays are rendered: the `render` section of .riskgate.yaml, resolved.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface ChartRenderSettings {
  releaseName: string;
  namespace: string;
  /** Relative to the chart directory, applied after the chart's values.yaml, in order. */
  valuesFiles: string[];
  /** `--set` pairs, applied last. */
  set: string[];
}

export interface RenderSettings {
  enabled: boolean;
  /** Seconds per render. */
  timeout: number;
  /** Largest rendered output accepted, in bytes. */
  maxOutput: number;
  /** What a chart or root that cannot be rendered does to the gate: `fail` (default: what is not checked never passes silently) or `warn`. */
  unrendered: 'fail' | 'warn';
  /** dependencyUpdate: run `helm dependency build` for dependencies the checkout does not hold (network; opt-in). */
  helm: { path: string; charts: Record<string, Partial<ChartRenderSettings>>; dependencyUpdate: boolean };
  kustomize: { path: string | null; enableHelm: boolean };
}

export const DEFAULT_CHART_SETTINGS: ChartRenderSettings = { releaseName: 'release-name', namespace: 'default', valuesFiles: [], set: [] };

export function defaultRenderSettings(): RenderSettings {
  return { enabled: true, timeout: 60, maxOutput: 32 * 1024 * 1024, unrendered: 'fail', helm: { path: 'helm', charts: {}, dependencyUpdate: false }, kustomize: { path: null, enableHelm: false } };
}

/** The settings for one chart: its entry in render.helm.charts (keyed by its path from the root), over the defaults. */
export function chartSettings(s: RenderSettings, chartPathFromRoot: string): ChartRenderSettings {
  const key = chartPathFromRoot.replace(/\/+$/, '') || '.';
  const own = s.helm.charts[key] ?? s.helm.charts[`${key}/`] ?? s.helm.charts[`./${key}`] ?? {};
  return { ...DEFAULT_CHART_SETTINGS, ...own };
}

/**
 * A chart's `ci/*-values.yaml` (chart-testing's convention: values sets the chart is tested
 * with), relative to the chart directory, in name order.
 */
export function ciValuesFiles(chartDir: string): string[] {
  try {
    return readdirSync(join(chartDir, 'ci')).filter((f) => /-values\.ya?ml$/.test(f)).sort().map((f) => `ci/${f}`);
  } catch {
    return [];
  }
}
