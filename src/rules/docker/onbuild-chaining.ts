import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { instructions } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/onbuild-chaining',
    title: 'ONBUILD triggers ONBUILD, FROM or MAINTAINER',
    severity: 'medium',
    target: 'dockerfile',
    catalog: ['D45'],
    description: 'Docker forbids ONBUILD ONBUILD, ONBUILD FROM and ONBUILD MAINTAINER: downstream builds fail.',
    remediation: 'Remove the trigger, or move the instruction out of ONBUILD.',
    references: ['hadolint:DL3043'],
    fix: { available: false, note: 'The intended build is the owner\'s knowledge.' },
  },
  check(ctx) {
    for (const i of instructions(ctx.model, 'ONBUILD')) if (i.trigger && /^(ONBUILD|FROM|MAINTAINER)$/.test(i.trigger)) ctx.report({ at: i, message: `ONBUILD ${i.trigger} is not allowed` });
  },
});
