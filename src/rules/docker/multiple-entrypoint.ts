import { duplicateInstructionRule } from './duplicate-instruction.js';

export default duplicateInstructionRule('ENTRYPOINT', {
  id: 'docker/multiple-entrypoint',
  title: 'More than one ENTRYPOINT in a stage',
  severity: 'medium',
  catalog: ['D37'],
  description: 'Only the last ENTRYPOINT of a stage takes effect; an earlier one (often a security wrapper such as an init or a privilege drop) is silently skipped.',
  remediation: 'Keep one ENTRYPOINT per stage.',
  references: ['hadolint:DL4004', 'trivy:DS-0007', 'kics:6938958b-3f1a-451c-909b-baeee14bdc97'],
  fix: { available: false, note: 'Which one is intended is the owner\'s knowledge.' },
});
