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
    decisions: 'Requirement and constraint files, local paths, lock-file installs (`npm ci`, `npm install` without package names), and `go install`/`go get`/`go run` of a versioned module (hadolint#1134) are not reported. Each finding cites only its package manager\'s peer checks.' +
      ' `pip install pkg=1.0` (a single `=`) is not a pin: pip rejects it as an invalid requirement, so it is reported; KICS accepts it.' +
      ' As hadolint DL3013 reads pip: any version specifier (`<0.7` included) pins, a constraints file (`-c`, `--constraint`) pins the whole command, a VCS requirement (`git+https://…`) pins only with an `@ref`, another URL or path names one artifact, and `pipx install` is read like `pip install`.',
    conditions: [
      { id: 'pip', when: 'pip install names a package without a version', references: ['hadolint:DL3013', 'kics:02d9c71f-3ee8-4986-9c27-1a20d0d19bfc'] },
      { id: 'npm', when: 'npm, yarn or pnpm installs a package without a version or tag', references: ['hadolint:DL3016', 'kics:e36d8880-3f78-4546-b9a1-12f0745ca0d5'] },
      { id: 'npm-latest', when: '… with the tag @latest, which hadolint and KICS accept as pinned; riskgate does not', references: [] },
      { id: 'gem', when: 'gem install names a gem without a version', references: ['hadolint:DL3028', 'kics:22cd11f7-9c6c-4f6e-84c0-02058120b341'] },
      { id: 'go', when: 'go install, go get or go run names a module without @version (or @latest)', references: ['hadolint:DL3062'] },
    ],
    references: ['hadolint:DL3013', 'hadolint:DL3016', 'hadolint:DL3028', 'hadolint:DL3062', 'kics:02d9c71f-3ee8-4986-9c27-1a20d0d19bfc', 'kics:e36d8880-3f78-4546-b9a1-12f0745ca0d5', 'kics:22cd11f7-9c6c-4f6e-84c0-02058120b341'],
    fix: { available: false, note: 'Versions must be chosen.' },
  },
  check(ctx) {
    for (const { cmd } of runCommands(ctx.model)) {
      // pipx installs one application from PyPI as pip does: its version is pinned the same way.
      const pip = pipArgs(cmd) ?? (cmd.name === 'pipx' ? cmd.args : null);
      if (pip) {
        const s = subcommand({ ...cmd, args: pip }, PIP_OPTIONS_WITH_VALUE);
        if (s?.sub.value !== 'install') continue;
        // A constraints file pins what the command installs (hadolint DL3013 reads it so too).
        if (s.rest.some((w) => /^(-c|--constraint)(=|$)/.test(w.value))) continue;
        for (const p of operands(s.rest, PIP_OPTIONS_WITH_VALUE)) {
          const v = p.value;
          // A VCS requirement is pinned by its @ref; any other path or URL names one artifact.
          const vcs = /^(git|hg|svn|bzr)(\+[a-z-]+)?:/.test(v);
          if (p.dynamic || /==|>=|<=|!=|~=|[<>]/.test(v) || (vcs ? v.includes('@') : v.includes('/') || /@/.test(v)) || /\.(whl|tar\.gz|zip)$/.test(v) || v === '.') continue;
          if (/^(pip|setuptools|wheel)$/i.test(v)) continue; // tooling upgrades, pinned by the base image
          ctx.report({ at: p, condition: 'pip', message: `pip installs ${v} without a version` });
        }
      } else if (cmd.name === 'npm' || cmd.name === 'yarn' || cmd.name === 'pnpm') {
        const s = subcommand(cmd, NPM_OPTIONS_WITH_VALUE);
        if (!s || !['install', 'i', 'add'].includes(s.sub.value) || (cmd.name === 'yarn' && s.sub.value !== 'add' && s.sub.value !== 'global')) continue;
        const rest = cmd.name === 'yarn' && s.sub.value === 'global' ? s.rest.slice(1) : s.rest;
        for (const p of operands(rest, NPM_OPTIONS_WITH_VALUE)) {
          const v = p.value;
          if (p.dynamic || /^[./~]/.test(v) || /^(git\+|git:|https?:|file:|github:)/.test(v) || /\.tgz$/.test(v)) continue;
          const at = v.startsWith('@') ? v.indexOf('@', 1) : v.indexOf('@');
          const tag = at > 0 ? v.slice(at + 1) : '';
          if (tag !== '' && tag !== 'latest') continue;
          ctx.report({ at: p, condition: tag === 'latest' ? 'npm-latest' : 'npm', message: tag === 'latest' ? `${cmd.name} installs ${v}: @latest is whatever the registry serves that day` : `${cmd.name} installs ${v} without a version` });
        }
      } else if (cmd.name === 'gem') {
        const s = subcommand(cmd, /^(-v|--version|-i|--install-dir|-s|--source)$/);
        if (s?.sub.value !== 'install') continue;
        if (s.rest.some((w) => w.value === '-v' || w.value.startsWith('--version'))) continue;
        for (const p of operands(s.rest, /^(-v|--version|-i|--install-dir|-s|--source|-n|--bindir)$/)) if (!p.dynamic && !/:\d/.test(p.value) && !p.value.endsWith('.gem')) ctx.report({ at: p, condition: 'gem', message: `gem installs ${p.value} without a version` });
      } else if (cmd.name === 'go') {
        // hadolint DL3062: the module of go install, go get and go run (for go run only the first
        // operand: the rest are the program's arguments). Local packages (./…) have no version.
        const s = subcommand(cmd);
        if (!s || !/^(install|get|run)$/.test(s.sub.value)) continue;
        const mods = operands(s.rest);
        for (const p of s.sub.value === 'run' ? mods.slice(0, 1) : mods) {
          if (p.dynamic || /^[./]/.test(p.value) || !p.value.includes('/') || p.value.endsWith('.go')) continue;
          const at = p.value.lastIndexOf('@');
          if (at < 0 || p.value.slice(at + 1) === 'latest') ctx.report({ at: p, condition: 'go', message: `go ${s.sub.value} ${p.value} is not pinned to a version` });
        }
      }
    }
  },
});
