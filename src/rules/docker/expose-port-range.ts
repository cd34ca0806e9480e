import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { instructions } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/expose-port-range',
    title: 'EXPOSE port out of range',
    severity: 'medium',
    target: 'dockerfile',
    catalog: ['D33'],
    description: 'Ports are 0–65535; anything else is a typo that makes the image fail to start or publish the wrong port.',
    remediation: 'Fix the port number.',
    references: ['hadolint:DL3011', 'trivy:DS-0008', 'kics:71bf8cf8-f0a1-42fa-b9d2-d10525e0a38e'],
    fix: { available: false, note: 'The intended port is the owner\'s knowledge.' },
  },
  check(ctx) {
    for (const i of instructions(ctx.model, 'EXPOSE')) {
      for (const a of i.args) {
        if (a.value.includes('$')) continue;
        for (const p of a.value.replace(/\/(tcp|udp|sctp)$/i, '').split('-')) if (/^\d+$/.test(p) && Number(p) > 65535) ctx.report({ at: a, message: `EXPOSE ${a.value}: port ${p} is out of range` });
      }
    }
  },
});
