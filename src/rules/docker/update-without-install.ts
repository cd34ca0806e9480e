import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { APK_OPTIONS_WITH_VALUE, APT, APT_OPTIONS_WITH_VALUE, YUM_LIKE, runCommands, subcommand } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/update-without-install',
    title: 'Package index updated in a RUN without an install',
    severity: 'medium',
    target: 'dockerfile',
    catalog: ['D21'],
    description: '`RUN apt-get update` on its own is cached as a layer: later installs in other RUNs reuse the stale index, install outdated packages, or fail when the mirror has moved on.',
    remediation: 'Update and install in the same RUN: `RUN apt-get update && apt-get install -y --no-install-recommends … && rm -rf /var/lib/apt/lists/*`.',
    decisions: 'Commands are read as the shell runs them: `apt update && install nginx` runs `install`, not `apt install`, so the update is reported as alone; KICS matches the word `install`.',
    conditions: [
      { id: 'apt-yum-dnf-zypper', when: 'apt-get/apt, yum, dnf or zypper refreshes its index without installing in the same RUN', references: ['trivy:DS-0017', 'checkov:CKV_DOCKER_5', 'kics:9bae49be-0aa3-4de5-bab2-4c3a069e40cd'] },
      { id: 'apk', when: 'apk update without apk add in the same RUN (KICS does not check apk)', references: ['trivy:DS-0017', 'checkov:CKV_DOCKER_5'] },
      { id: 'pacman', when: 'pacman -Sy or -Syu without packages to install in the same RUN (only KICS checks pacman)', references: ['kics:9bae49be-0aa3-4de5-bab2-4c3a069e40cd'] },
    ],
    references: ['trivy:DS-0017', 'checkov:CKV_DOCKER_5', 'kics:9bae49be-0aa3-4de5-bab2-4c3a069e40cd'],
    fix: { available: false, note: 'Merging RUN instructions changes layer structure.' },
  },
  check(ctx) {
    const byRun = new Map<number, { update?: { at: { start: number; end: number }; text: string; manager: string }; install: boolean }>();
    for (const { instr, cmd } of runCommands(ctx.model)) {
      const e = byRun.get(instr.index) ?? { install: false };
      byRun.set(instr.index, e);
      if (cmd.name === 'pacman') {
        // pacman -Sy / -Syy / -Syu refresh the index (and upgrade); -S with package names installs.
        const op = cmd.args.find((w) => /^-S[a-z]*$/i.test(w.value));
        if (!op) continue;
        const packages = cmd.args.filter((w) => !w.value.startsWith('-'));
        if (packages.length) e.install = true;
        else if (/y/.test(op.value)) e.update ??= { at: { start: cmd.start, end: op.end }, text: `pacman ${op.value}`, manager: 'pacman' };
        continue;
      }
      const opts = cmd.name === 'apk' ? APK_OPTIONS_WITH_VALUE : APT_OPTIONS_WITH_VALUE;
      if (!(APT.has(cmd.name) || cmd.name === 'apk' || YUM_LIKE.has(cmd.name) || cmd.name === 'zypper')) continue;
      const s = subcommand(cmd, opts);
      if (!s) continue;
      // yum/dnf `update` and zypper `update`/`up` with no package names refresh metadata and upgrade everything, as peers read it.
      const isUpdate = APT.has(cmd.name) ? s.sub.value === 'update' : cmd.name === 'apk' ? s.sub.value === 'update' : cmd.name === 'zypper' ? /^(refresh|ref)$/.test(s.sub.value) || (/^(update|up)$/.test(s.sub.value) && s.rest.every((w) => w.value.startsWith('-'))) : s.sub.value === 'makecache' || (/^(update|check-update)$/.test(s.sub.value) && s.rest.every((w) => w.value.startsWith('-')));
      if (isUpdate) e.update ??= { at: { start: cmd.start, end: s.sub.end }, text: `${cmd.name} ${s.sub.value}`, manager: cmd.name };
      else if (/^(install|add|in|upgrade|dist-upgrade|groupinstall|reinstall|build-dep|source)$/.test(s.sub.value) || (s.sub.value === 'update' && !APT.has(cmd.name) && cmd.name !== 'apk')) e.install = true;
    }
    for (const e of byRun.values()) {
      if (!e.update || e.install) continue;
      const condition = e.update.manager === 'apk' ? 'apk' : e.update.manager === 'pacman' ? 'pacman' : 'apt-yum-dnf-zypper';
      ctx.report({ at: e.update.at, condition, message: `${e.update.text} without an install in the same RUN leaves a stale cached index` });
    }
  },
});
