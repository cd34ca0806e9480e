// Risk scoring for the CLI: scores the scan's resources, and says clearly when the model cannot
// run (checks and findings never depend on it).

import type { ScanResult } from '../core/engine.js';
import { scoreResources } from '../core/risk/score.js';
import { addPathsToGreen, DEFAULT_RISK_THRESHOLD } from '../core/risk/path-to-green.js';
import { markOutliers } from '../core/risk/explain.js';
import { findingsByResource } from '../core/risk/features.js';

/** Scores, then (unless `drivers` is false, as for a baseline) paths to green and outliers. */
export async function applyRisk(result: ScanResult, warn: (s: string) => void, options: { threshold?: number | null; drivers?: boolean } = {}): Promise<boolean> {
  try {
    // Each resource's findings, found once for the scores and the paths to green.
    const byResource = findingsByResource(result.resources, result.findings);
    await scoreResources(result.resources, result.findings, { drivers: options.drivers, byResource });
    if (options.drivers !== false) {
      await addPathsToGreen(result.resources, result.findings, options.threshold ?? DEFAULT_RISK_THRESHOLD, byResource);
      markOutliers(result.resources);
    }
    return true;
  } catch (e) {
    warn(`riskgate: risk scores unavailable: ${(e as Error).message}; every check still ran\n`);
    return false;
  }
}
