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
  sha256: string;
}

export function modelIdentity(): ModelIdentity | null {
  try {
    return { name: 'riskgate.onnx', sha256: createHash('sha256').update(readFileSync(join(modelDir(), 'riskgate.onnx'))).digest('hex') };
  } catch {
    return null;
  }
}

/** `riskgate --version`: the tool, its rule set and its model. */
export function versionText(version: string, rules: RuleMeta[]): string {
  const model = modelIdentity();
  return `riskgate ${version}\nrules: ${rules.length} (rule set ${ruleSetId(rules)})\nmodel: ${model ? `${model.name} sha256:${model.sha256.slice(0, 16)}` : 'not found (risk scores unavailable)'}\n`;
}
