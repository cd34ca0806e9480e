import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { APT, APT_OPTIONS_WITH_VALUE, YUM_INSTALL, YUM_LIKE, YUM_OPTIONS_WITH_VALUE, YUM_UPGRADE, hasOption, hasShortFlag, runCommands, subcommand } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/non-interactive-install',
    title: 'Package install may prompt',
    severity: 'low',
    target: 'dockerfile',
    catalog: ['D23'],
    description: 'Without `-y` (`--assume-yes`, `--non-interactive` for zypper) the package manager asks for confirmation; in a build there is no one to answer, so the step fails or hangs.',
    remediation: 'Add `-y` to apt-get, yum and dnf installs and `--non-interactive` (`-n`) to zypper.',
    decisions: 'Every stage is checked, builder stages included: `zypper install` without `-n` prompts (and fails without a TTY) whichever stage it is in; KICS skips builder stages.',
    references: [
      'hadolint:DL3014', 'hadolint:DL3030', 'hadolint:DL3034', 'hadolint:DL3038', 'trivy:DS-0021', 'kics:77783205-c4ca-4f80-bb80-c777f267c547', 'kics:6e19193a-8753-436d-8a09-76dcff91bb03',
      'kics:45e1fca5-f90e-465d-825f-c2cb63fa3944', 'kics:7ebd323c-31b7-4e5b-b26f-de5e9e477af8',
    ],
    conditions: [
      { id: 'apt', when: 'apt-get or apt', references: ['hadolint:DL3014', 'trivy:DS-0021', 'kics:77783205-c4ca-4f80-bb80-c777f267c547'] },
      { id: 'yum', when: 'yum', references: ['hadolint:DL3030', 'kics:6e19193a-8753-436d-8a09-76dcff91bb03'] },
      { id: 'dnf', when: 'dnf', references: ['hadolint:DL3038', 'kics:7ebd323c-31b7-4e5b-b26f-de5e9e477af8'] },
      { id: 'zypper', when: 'zypper', references: ['hadolint:DL3034', 'kics:45e1fca5-f90e-465d-825f-c2cb63fa3944'] },
      { id: 'other', when: 'another yum-like tool (tdnf)', references: [] },
    ],
    fix: { available: true, note: 'Inserts `-y` after the subcommand (`--non-interactive` for zypper).', unsafe: false },
  },
  check(ctx) {
    for (const { cmd } of runCommands(ctx.model)) {
      if (APT.has(cmd.name) || YUM_LIKE.has(cmd.name)) {
        if (cmd.name === 'microdnf') continue; // microdnf never prompts
        const s = subcommand(cmd, APT.has(cmd.name) ? APT_OPTIONS_WITH_VALUE : YUM_OPTIONS_WITH_VALUE);
        if (!s || !(/^(install|upgrade|dist-upgrade|remove|purge|autoremove|update|reinstall|groupinstall)$/.test(s.sub.value) || (YUM_LIKE.has(cmd.name) && (YUM_INSTALL.test(s.sub.value) || YUM_UPGRADE.test(s.sub.value) || /^(remove|rm|erase)$/.test(s.sub.value))))) continue;
        if (APT.has(cmd.name) && s.sub.value === 'update') continue;
        // Quiet level 2 (-qq, -q -q, -q=2) implies --assume-yes for apt-get.
        const quiet2 = APT.has(cmd.name) && (cmd.args.filter((w) => w.value === '-q' || w.value === '--quiet').length >= 2 || hasOption(cmd.args, /^-q{2,}$/, /^-q=2$/, /^--quiet=2$/));
        const yes = quiet2 || hasShortFlag(cmd.args, 'y') || hasOption(cmd.args, '--yes', '--assume-yes') || (APT.has(cmd.name) && hasOption(cmd.args, /^-oAPT::Get::Assume-Yes=(true|1)$/i));
        const condition = APT.has(cmd.name) ? 'apt' : cmd.name === 'yum' ? 'yum' : cmd.name === 'dnf' ? 'dnf' : 'other';
        if (!yes) ctx.report({ at: s.sub, condition, message: `${cmd.name} ${s.sub.value} without -y may wait for confirmation`, fix: { description: 'Add -y', edits: [{ start: s.sub.end, end: s.sub.end, text: ' -y' }] } });
      } else if (cmd.name === 'zypper') {
        const s = subcommand(cmd, /^(-r|--repo|--from|-t|--type)$/);
        if (!s || !/^(install|in|update|up|remove|rm|patch|dist-upgrade|dup)$/.test(s.sub.value)) continue;
        const yes = hasOption(cmd.args, '--non-interactive', '-n', '-y', '--no-confirm') || hasShortFlag(cmd.args.slice(0, cmd.args.indexOf(s.sub)), 'n');
        if (!yes) ctx.report({ at: s.sub, condition: 'zypper', message: `zypper ${s.sub.value} without --non-interactive may wait for confirmation`, fix: { description: 'Add --non-interactive', edits: [{ start: cmd.words[0].end, end: cmd.words[0].end, text: ' --non-interactive' }] } });
      }
    }
  },
});
