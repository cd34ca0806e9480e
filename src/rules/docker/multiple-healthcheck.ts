import { duplicateInstructionRule } from './duplicate-instruction.js';

export default duplicateInstructionRule('HEALTHCHECK', {
  id: 'docker/multiple-healthcheck',
  title: 'More than one HEALTHCHECK in a stage',
  severity: 'low',
  catalog: ['D35'],
  description: 'Only the last HEALTHCHECK of a stage takes effect; earlier ones are dead code that misleads readers.',
  remediation: 'Keep one HEALTHCHECK per stage.',
  references: ['hadolint:DL3012', 'trivy:DS-0023'],
  fix: { available: false, note: 'Which one is intended is the owner\'s knowledge.' },
});
