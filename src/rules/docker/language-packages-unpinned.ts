import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { NPM_OPTIONS_WITH_VALUE, PIP_OPTIONS_WITH_VALUE, operands, pipArgs, runCommands, subcommand } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/language-packages-unpinned',
    title: 'Language package installed without a version',
    severity: 'low',
    target: 'dockerfile',
    catalog: ['D18'],
    description: '`pip install flask`, `npm install -g typescript`, `gem install rails` or `go install x@latest` take whatever the registry serves that day: a compromised release (typosquats, hijacked maintainers) lands in the image unreviewed.',
    remediation: 'Pin exact versions (`flask==3.0.3`, `typescript@5.6.3`, `rails:7.2.1`, `x@v1.2.3`), or install from a lock file (`pip install -r requirements.txt`, `npm ci`).',
    decisions: 'Requirement and constraint files, local paths, lock-file installs (`npm ci`, `npm install` without package names), and `go install`/`go run` of a versioned module (hadolint#1134) are not reported.',
    references: ['hadolint:DL3013', 'hadolint:DL3016', 'hadolint:DL3028', 'hadolint:DL3062', 'kics:02d9c71f-3ee8-4986-9c27-1a20d0d19bfc', 'kics:e36d8880-3f78-4546-b9a1-12f0745ca0d5', 'kics:22cd11f7-9c6c-4f6e-84c0-02058120b341'],
    fix: { available: false, note: 'Versions must be chosen.' },
  },
  check(ctx) {
    for (const { cmd } of runCommands(ctx.model)) {
      const pip = pipArgs(cmd);
      if (pip) {
        const s = subcommand({ ...cmd, args: pip }, PIP_OPTIONS_WITH_VALUE);
        if (s?.sub.value !== 'install') continue;
        for (const p of operands(s.rest, PIP_OPTIONS_WITH_VALUE)) {
          const v = p.value;
          if (p.dynamic || /[=<>~!]=|===|@/.test(v) || /^[./]/.test(v) || /\.(whl|tar\.gz|zip)$/.test(v) || /^(git\+|https?:)/.test(v) || v === '.') continue;
          if (/^(pip|setuptools|wheel)$/i.test(v)) continue; // tooling upgrades, pinned by the base image
          ctx.report({ at: p, message: `pip installs ${v} without a version` });
        }
      } else if (cmd.name === 'npm' || cmd.name === 'yarn' || cmd.name === 'pnpm') {
        const s = subcommand(cmd, NPM_OPTIONS_WITH_VALUE);
        if (!s || !['install', 'i', 'add'].includes(s.sub.value) || (cmd.name === 'yarn' && s.sub.value !== 'add' && s.sub.value !== 'global')) continue;
        const rest = cmd.name === 'yarn' && s.sub.value === 'global' ? s.rest.slice(1) : s.rest;
        for (const p of operands(rest, NPM_OPTIONS_WITH_VALUE)) {
          const v = p.value;
          if (p.dynamic || /^[./~]/.test(v) || /^(git\+|git:|https?:|file:|github:)/.test(v) || /\.tgz$/.test(v)) continue;
          const at = v.startsWith('@') ? v.indexOf('@', 1) : v.indexOf('@');
          if (at > 0 && v.slice(at + 1) !== 'latest' && v.slice(at + 1) !== '') continue;
          ctx.report({ at: p, message: `${cmd.name} installs ${v} without a version` });
        }
      } else if (cmd.name === 'gem') {
        const s = subcommand(cmd, /^(-v|--version|-i|--install-dir|-s|--source)$/);
        if (s?.sub.value !== 'install') continue;
        if (s.rest.some((w) => w.value === '-v' || w.value.startsWith('--version'))) continue;
        for (const p of operands(s.rest, /^(-v|--version|-i|--install-dir|-s|--source|-n|--bindir)$/)) if (!p.dynamic && !/:\d/.test(p.value) && !p.value.endsWith('.gem')) ctx.report({ at: p, message: `gem installs ${p.value} without a version` });
      } else if (cmd.name === 'go') {
        const s = subcommand(cmd);
        if (s?.sub.value !== 'install') continue;
        for (const p of operands(s.rest)) {
          if (p.dynamic || p.value.startsWith('.')) continue;
          const at = p.value.lastIndexOf('@');
          if (at < 0 || p.value.slice(at + 1) === 'latest') ctx.report({ at: p, message: `go install ${p.value} is not pinned to a version` });
        }
      }
    }
  },
});
