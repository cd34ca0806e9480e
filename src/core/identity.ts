// Which rules and which model produced a result, so a team can tell two runs apart: the rule set
// is named by a hash of every rule's id, severity, references and parameters (it changes
// whenever a rule's contract does), the model by the SHA-256 of the ONNX file it scored with.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleMeta } from './rule.js';
import { modelDir } from './risk/score.js';

export function ruleSetId(rules: RuleMeta[]): string {
  const h = createHash('sha256');
  for (const r of [...rules].sort((a, b) => (a.id < b.id ? -1 : 1))) h.update(JSON.stringify([r.id, r.severity, r.references, r.params ?? null, r.enabledByDefault ?? true]));
  return h.digest('hex').slice(0, 12);
}

export interface ModelIdentity {
  name: string;
  /** The model's version as training recorded it (metrics.json), bumped when features or labels change. */
  version: string;
  sha256: string;
  /** SHA-256 of the training data (models/data/dataset.jsonl) the model was trained on. */
  trainingData: string | null;
}

let cached: ModelIdentity | null | undefined;

/** Which model scores: read once per process (the ONNX file is hashed, ~1 ms). */
export function modelIdentity(): ModelIdentity | null {
  if (cached !== undefined) return cached;
  try {
    const dir = modelDir();
    let meta: { model?: { version?: string; trainingData?: string } } = {};
    try {
      meta = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'));
    } catch {
      meta = {};
    }
    cached = {
      name: 'riskgate-risk',
      version: meta.model?.version ?? '1',
      sha256: createHash('sha256').update(readFileSync(join(dir, 'riskgate.onnx'))).digest('hex'),
      trainingData: meta.model?.trainingData ?? null,
    };
  } catch {
    cached = null;
  }
  return cached;
}

/** `riskgate --version`: the tool, its rule set and its model. */
export function versionText(version: string, rules: RuleMeta[]): string {
  const model = modelIdentity();
  return `riskgate ${version}\nrules: ${rules.length} (rule set ${ruleSetId(rules)})\nmodel: ${model ? `${model.name} v${model.version} sha256:${model.sha256.slice(0, 16)}` : 'not found (risk scores unavailable)'}\n`;
}
