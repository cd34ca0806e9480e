import { defineDockerfileRule } from '../../core/docker/analyze.js';
import type { Word } from '../../core/docker/shell.js';
import { APK_OPTIONS_WITH_VALUE, APT, APT_OPTIONS_WITH_VALUE, YUM_LIKE, YUM_OPTIONS_WITH_VALUE, operands, runCommands, subcommand } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/os-packages-unpinned',
    title: 'OS package installed without a version',
    severity: 'low',
    target: 'dockerfile',
    catalog: ['D17'],
    description: 'Unversioned `apt-get install`, `apk add`, `yum`/`dnf install` or `zypper install` get whatever the mirror serves on build day: two builds of the same commit differ, and a bad package version slips in unreviewed.',
    remediation: 'Pin versions (`curl=8.5.0-2ubuntu10`, `curl=8.5.0-r0`, `curl-8.5.0`), or pin the base image by digest and rebuild on purpose.',
    decisions: 'Local package files (`./x.deb`, `/tmp/x.rpm`), packages given as a variable the Dockerfile does not set (hadolint#928) and `apt-get install -f` are not reported; a variable set by an ARG or ENV in scope is expanded and its packages are checked (`$PHPIZE_DEPS`). `git-core-${version}` with `version` declared in no stage in scope is not called unpinned: the base image may set it (hadolint DL3033 calls it unpinned). `yum`/`dnf module install` is pinned by a stream (`nodejs:20`), as hadolint reads it. Options that take a value are read as apt-get does: in `apt-get install -t bookworm-backports curl` the release is not a package (KICS reads it as one).',
    references: [
      'hadolint:DL3008', 'hadolint:DL3018', 'hadolint:DL3033', 'hadolint:DL3041', 'hadolint:DL3037', 'kics:965a08d7-ef86-4f14-8792-4a3b2098937e',
      'kics:d3499f6d-1651-41bb-a9a7-de925fea487b', 'kics:6452c424-1d92-4deb-bb18-a03e95d579c4', 'kics:93d88cf7-f078-46a8-8ddc-178e03aeacf1', 'kics:562952e4-0348-4dea-9826-44f3a2c6117b',
    ],
    conditions: [
      { id: 'apt-get', when: 'apt-get install', references: ['hadolint:DL3008', 'kics:965a08d7-ef86-4f14-8792-4a3b2098937e'] },
      { id: 'apk', when: 'apk add', references: ['hadolint:DL3018', 'kics:d3499f6d-1651-41bb-a9a7-de925fea487b'] },
      { id: 'yum', when: 'yum install', references: ['hadolint:DL3033', 'kics:6452c424-1d92-4deb-bb18-a03e95d579c4'] },
      { id: 'dnf', when: 'dnf install', references: ['hadolint:DL3041', 'kics:93d88cf7-f078-46a8-8ddc-178e03aeacf1'] },
      { id: 'microdnf', when: 'microdnf install', references: ['hadolint:DL3041'] },
      { id: 'zypper', when: 'zypper install', references: ['hadolint:DL3037', 'kics:562952e4-0348-4dea-9826-44f3a2c6117b'] },
      { id: 'other', when: 'apt (not apt-get) or another yum-like tool: the peers read apt-get, yum, dnf, microdnf and zypper only', references: [] },
    ],
    fix: { available: false, note: 'Versions must be chosen.' },
  },
  check(ctx) {
    for (const { cmd } of runCommands(ctx.model)) {
      let pkgs: Word[] = [];
      let pinned: (p: string) => boolean = () => true;
      if (APT.has(cmd.name)) {
        const s = subcommand(cmd, APT_OPTIONS_WITH_VALUE);
        if (s?.sub.value !== 'install') continue;
        pkgs = operands(s.rest, APT_OPTIONS_WITH_VALUE);
        pinned = (p) => p.includes('=') || /\/[a-z-]+$/.test(p) && p.includes('/');
      } else if (cmd.name === 'apk') {
        const s = subcommand(cmd, APK_OPTIONS_WITH_VALUE);
        if (s?.sub.value !== 'add') continue;
        pkgs = operands(s.rest, APK_OPTIONS_WITH_VALUE);
        pinned = (p) => /[=~<>]/.test(p);
      } else if (YUM_LIKE.has(cmd.name)) {
        const s = subcommand(cmd, YUM_OPTIONS_WITH_VALUE);
        if (s?.sub.value === 'module') {
          // `yum module install nodejs:20`: a module is pinned by its stream (name:stream), as hadolint reads DL3033/DL3041.
          const m = subcommand({ ...cmd, args: s.rest }, YUM_OPTIONS_WITH_VALUE);
          if (m?.sub.value !== 'install') continue;
          pkgs = operands(m.rest, YUM_OPTIONS_WITH_VALUE);
          pinned = (p) => p.includes(':');
        } else {
          if (!s || !/^(install|in)$/.test(s.sub.value)) continue; // dnf's `in` is install
          pkgs = operands(s.rest, YUM_OPTIONS_WITH_VALUE);
          pinned = (p) => /-\d[\w.+~:-]*$/.test(p) || /[<>=]/.test(p) || p.startsWith('@');
        }
      } else if (cmd.name === 'zypper') {
        const s = subcommand(cmd, /^(-r|--repo|--from|-t|--type)$/);
        if (!s || !['install', 'in'].includes(s.sub.value)) continue;
        pkgs = operands(s.rest, /^(-r|--repo|--from|-t|--type)$/);
        pinned = (p) => /[=<>]/.test(p);
      } else continue;
      for (const p of pkgs) {
        if (p.dynamic || /[/.](deb|rpm|apk)$/.test(p.value) || p.value.startsWith('/') || p.value.startsWith('./') || /^https?:/.test(p.value) || pinned(p.value)) continue;
        const condition = ['apt-get', 'apk', 'yum', 'dnf', 'microdnf', 'zypper'].includes(cmd.name) ? cmd.name : 'other';
        ctx.report({ at: p, condition, message: `${cmd.name} installs ${p.value} without a version` });
      }
    }
  },
});
