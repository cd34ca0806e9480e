// Risk scoring for the CLI: scores the scan's resources, and says clearly when the model cannot
// run (checks and findings never depend on it).

import type { ScanResult } from '../core/engine.js';
import { scoreResources } from '../core/risk/score.js';

export async function applyRisk(result: ScanResult, warn: (s: string) => void): Promise<boolean> {
  try {
    await scoreResources(result.resources, result.findings);
    return true;
  } catch (e) {
    warn(`riskgate: risk scores unavailable: ${(e as Error).message}; every check still ran\n`);
    return false;
  }
}
