import { defineDockerfileRule } from '../../core/docker/analyze.js';
import type { Word } from '../../core/docker/shell.js';
import type { Stage } from '../../core/docker/model.js';
import { APK_OPTIONS_WITH_VALUE, APT, APT_OPTIONS_WITH_VALUE, NPM_OPTIONS_WITH_VALUE, PIP_OPTIONS_WITH_VALUE, YUM_LIKE, YUM_OPTIONS_WITH_VALUE, operands, pipArgs, runCommands, subcommand } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/denied-packages',
    title: 'Denied package installed',
    severity: 'medium',
    target: 'dockerfile',
    catalog: [],
    description: 'Some packages have no place in a container image: remote shells and network tools (openssh-server, telnetd, netcat, nmap) are what an intruder would install first. Organisations also keep their own lists.',
    remediation: 'Remove the package. If it is needed to build, install it in a builder stage only.',
    decisions: 'Checks OS packages (apt-get, apk, yum/dnf/microdnf, zypper) and language packages (pip, npm). With `allowedPackages` set, every other package is reported too.',
    params: {
      deniedPackages: { type: 'string[]', default: ['openssh-server', 'telnetd', 'telnet', 'netcat-traditional', 'netcat-openbsd', 'nmap', 'ncat'], description: 'Package names never to install (version suffixes are ignored).' },
      allowedPackages: { type: 'string[]', default: [], description: 'When set, the only package names allowed.' },
    },
    references: [],
    fix: { available: false, note: 'Whether the package is needed is the owner\'s call.' },
  },
  check(ctx) {
    const denied = new Set(ctx.params.deniedPackages as string[]);
    const allowed = ctx.params.allowedPackages as string[];
    const finalStages = new Set<unknown>();
    for (let s: Stage | null = ctx.model.stages[ctx.model.stages.length - 1] ?? null; s; s = s.parent) finalStages.add(s);
    for (const { instr, cmd } of runCommands(ctx.model)) {
      let pkgs: Word[] = [];
      const sub = (opts: RegExp, verbs: RegExp, args = cmd.args) => {
        const s = subcommand({ ...cmd, args }, opts);
        return s && verbs.test(s.sub.value) ? operands(s.rest, opts) : [];
      };
      if (APT.has(cmd.name)) pkgs = sub(APT_OPTIONS_WITH_VALUE, /^install$/);
      else if (cmd.name === 'apk') pkgs = sub(APK_OPTIONS_WITH_VALUE, /^add$/);
      else if (YUM_LIKE.has(cmd.name)) pkgs = sub(YUM_OPTIONS_WITH_VALUE, /^install$/);
      else if (cmd.name === 'zypper') pkgs = sub(/^(-r|--repo)$/, /^(install|in)$/);
      else if (cmd.name === 'npm') pkgs = sub(NPM_OPTIONS_WITH_VALUE, /^(install|i|add)$/);
      else if (pipArgs(cmd)) pkgs = sub(PIP_OPTIONS_WITH_VALUE, /^install$/, pipArgs(cmd)!);
      for (const p of pkgs) {
        if (p.dynamic) continue;
        const name = p.value.replace(/^(@?[^@=<>~!:]+).*$/, '$1').replace(/-\d[\w.+~-]*$/, '');
        if (denied.has(name)) ctx.report({ at: p, message: `${cmd.name} installs denied package ${name}${finalStages.has(instr.stage) ? '' : ' (in a builder stage)'}` });
        else if (allowed.length && !allowed.includes(name)) ctx.report({ at: p, message: `${cmd.name} installs ${name}, which is not in allowedPackages` });
      }
    }
  },
});
