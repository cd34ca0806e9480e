import { duplicateInstructionRule } from './duplicate-instruction.js';

export default duplicateInstructionRule('CMD', {
  id: 'docker/multiple-cmd',
  title: 'More than one CMD in a stage',
  severity: 'low',
  catalog: ['D36'],
  description: 'Only the last CMD of a stage takes effect; the others suggest the image runs something it does not.',
  remediation: 'Keep one CMD per stage; run several processes with a process manager if you must.',
  references: ['hadolint:DL4003', 'trivy:DS-0016', 'kics:41c195f4-fc31-4a5c-8a1b-90605538d49f'],
  fix: { available: false, note: 'Which one is intended is the owner\'s knowledge.' },
});
