// Renders a chart with `helm template`, offline: values from the chart and from .riskgate.yaml,
// dependencies only from the directory's charts/ (scanRendered renders a copy prepared from the
// checkout when they are elsewhere: chart-deps.ts), tests left out (they are not
// deployed with the release), no post-renderer, no cluster (`lookup` returns nothing).

import { resolve } from 'node:path';
import { startTools, toolsNow, type StartedTools, type ToolJob, type ToolLimits, type ToolRun } from './run-tool.js';
import type { ChartRenderSettings } from './settings.js';
import { toolCause } from './tool-message.js';
import { missingDependencies } from './chart-deps.js';

export function helmArgs(chartDir: string, s: ChartRenderSettings, extraValues: string[] = []): string[] {
  const args = ['template', s.releaseName, chartDir, '--namespace', s.namespace, '--skip-tests'];
  for (const f of s.valuesFiles) args.push('--values', resolve(chartDir, f));
  for (const f of extraValues) args.push('--values', f);
  for (const p of s.set) args.push('--set', p);
  return args;
}

export function renderChart(helm: string, chartDir: string, s: ChartRenderSettings, limits: ToolLimits, extraValues: string[] = []): ToolRun {
  return renderCharts(helm, [{ chartDir, settings: s, extraValues }], limits)[0];
}

/** Renders several charts (or copies of one) at once (runTools), each as renderChart would. */
export function renderCharts(helm: string, charts: { chartDir: string; settings: ChartRenderSettings; extraValues?: string[] }[], limits: ToolLimits): ToolRun[] {
  return startCharts(helm, charts, limits, toolsNow(limits)).wait();
}

/** renderCharts started now (run-tool.ts startTools) and collected with `wait()`. */
export function startCharts(helm: string, charts: { chartDir: string; settings: ChartRenderSettings; extraValues?: string[] }[], limits: ToolLimits, run: (jobs: ToolJob[]) => StartedTools = (jobs) => startTools(jobs, limits)): { wait(): ToolRun[] } {
  const out: ToolRun[] = charts.map(() => ({ ok: false, reason: '' }));
  const jobs: { index: number; job: ToolJob }[] = [];
  charts.forEach(({ chartDir, settings, extraValues }, index) => {
    // A chart given here whole (a proof copy, `riskgate fix`): scanRendered renders prepared copies (chart-deps.ts).
    const missing = missingDependencies(chartDir);
    if (missing.length)
      out[index] = { ok: false, reason: `dependencies missing from charts/: ${missing.map((d) => d.name).join(', ')}. riskgate never downloads charts: run \`helm dependency build\` and commit charts/, or vendor the subcharts` };
    else jobs.push({ index, job: { exe: helm, args: helmArgs(chartDir, settings, extraValues), cwd: chartDir } });
  });
  const started = run(jobs.map((j) => j.job));
  let done = false;
  return {
    wait: () => {
      if (!done)
        started.wait().forEach((r, i) => {
          out[jobs[i].index] = r.ok ? r : { ok: false, reason: `helm template failed: ${toolCause(r.reason)}` };
        });
      done = true;
      return out;
    },
  };
}

export interface RenderedDoc {
  /** Path of the template inside the chart (`templates/deployment.yaml`), from `# Source:`. */
  template: string | null;
  /** 1-based lines of the rendered output the document spans (after its `# Source:` line). */
  startLine: number;
  endLine: number;
}

/** Splits `helm template` output into documents and the template each came from. */
export function renderedDocs(lines: string[]): RenderedDoc[] {
  const docs: RenderedDoc[] = [];
  let cur: RenderedDoc | null = null;
  lines.forEach((text, i) => {
    const line = i + 1;
    if (/^---\s*$/.test(text)) {
      if (cur) docs.push(cur);
      cur = { template: null, startLine: line + 1, endLine: line };
      return;
    }
    if (!cur) cur = { template: null, startLine: line, endLine: line };
    const m = /^# Source: [^/]+\/(.+)$/.exec(text);
    if (m && cur.template === null && cur.endLine < cur.startLine) {
      cur.template = m[1];
      cur.startLine = line + 1;
    }
    cur.endLine = line;
  });
  if (cur) docs.push(cur);
  return docs.filter((d) => d.endLine >= d.startLine);
}
