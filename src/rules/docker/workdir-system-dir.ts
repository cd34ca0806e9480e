import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { instructions } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/workdir-system-dir',
    title: 'WORKDIR in a system directory',
    severity: 'high',
    target: 'dockerfile',
    catalog: ['D09'],
    description: 'A WORKDIR under `/proc`, `/sys`, `/dev`, `/boot` or `/lost+found` makes the application write where the kernel and host devices live.',
    remediation: 'Use an application directory such as `/app` or `/srv/app`.',
    references: ['trivy:DS-0030'],
    fix: { available: false, note: 'The directory is the owner\'s choice.' },
  },
  check(ctx) {
    for (const i of instructions(ctx.model, 'WORKDIR')) {
      const v = i.args.map((a) => a.value).join(' ').replace(/^(["'])(.*)\1$/, '$2');
      if (/^\/(proc|sys|dev|boot|initrd|lost\+found)(\/|$)/.test(v)) ctx.report({ at: i.args[0], message: `WORKDIR ${v} is a system directory` });
    }
  },
});
