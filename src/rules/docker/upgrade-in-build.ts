import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { APK_OPTIONS_WITH_VALUE, APT, APT_OPTIONS_WITH_VALUE, YUM_LIKE, YUM_OPTIONS_WITH_VALUE, YUM_UPGRADE, ZYPPER_UPGRADE, runCommands, subcommand } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/upgrade-in-build',
    title: 'Full system upgrade in the build',
    severity: 'low',
    target: 'dockerfile',
    catalog: ['D20'],
    description: '`apt-get upgrade`, `dist-upgrade`, `apk upgrade`, `yum update` and friends upgrade every package to whatever the mirror has: the image drifts from its base image build to build.',
    remediation: 'Use an up-to-date base image (and rebuild when it changes); upgrade only the packages that need a fix, pinned.',
    decisions: 'Trivy deprecated its check (DS-0024) since upgrading fixes vulnerabilities; hadolint, KICS and Checkov keep it. riskgate reports it at low severity.',
    references: ['hadolint:DL3035', 'trivy:DS-0024'],
    fix: { available: false, note: 'The packages to upgrade must be chosen.' },
  },
  check(ctx) {
    for (const { cmd } of runCommands(ctx.model)) {
      let sub: string | undefined;
      let at;
      if (APT.has(cmd.name)) {
        const s = subcommand(cmd, APT_OPTIONS_WITH_VALUE);
        if (s && /^(upgrade|dist-upgrade|full-upgrade)$/.test(s.sub.value)) [sub, at] = [s.sub.value, s.sub];
      } else if (cmd.name === 'apk') {
        const s = subcommand(cmd, APK_OPTIONS_WITH_VALUE);
        if (s?.sub.value === 'upgrade') [sub, at] = [s.sub.value, s.sub];
      } else if (YUM_LIKE.has(cmd.name)) {
        const s = subcommand(cmd, YUM_OPTIONS_WITH_VALUE);
        if (s && YUM_UPGRADE.test(s.sub.value) && s.rest.filter((w) => !w.value.startsWith('-')).length === 0) [sub, at] = [s.sub.value, s.sub];
      } else if (cmd.name === 'zypper') {
        const s = subcommand(cmd);
        if (s && ZYPPER_UPGRADE.test(s.sub.value)) [sub, at] = [s.sub.value, s.sub];
      }
      if (sub && at) ctx.report({ at, message: `${cmd.name} ${sub} upgrades every package in the build` });
    }
  },
});
