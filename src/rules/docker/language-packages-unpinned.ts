import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { NPM_OPTIONS_WITH_VALUE, PIP_OPTIONS_WITH_VALUE, operands, pipArgs, runCommands, subcommand } from './helpers.js';
import type { Word } from '../../core/docker/shell.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/language-packages-unpinned',
    title: 'Language package installed without a version',
    severity: 'low',
    target: 'dockerfile',
    catalog: ['D18'],
    description: '`pip install flask`, `npm install -g typescript`, `gem install rails` or `go install x@latest` take whatever the registry serves that day: a compromised release (typosquats, hijacked maintainers) lands in the image unreviewed.',
    remediation: 'Pin exact versions (`flask==3.0.3`, `typescript@5.6.3`, `rails:7.2.1`, `x@v1.2.3`), or install from a lock file (`pip install -r requirements.txt`, `npm ci`).',
    decisions: 'Requirement and constraint files, local paths, lock-file installs (`npm ci`, `npm install` without package names), and `go install`/`go get`/`go run` of a versioned module (hadolint#1134) are not reported; neither is `go get x@none`, which removes a module (hadolint DL3062 counts it as unpinned). Each finding cites only its package manager\'s peer checks.' +
      ' `pip install pkg=1.0` (a single `=`) is not a pin: pip rejects it as an invalid requirement, so it is reported; KICS accepts it.' +
      ' As hadolint DL3013 reads pip: any version specifier (`<0.7` included) pins, a constraints file (`-c`, `--constraint`) pins the whole command, a VCS requirement (`git+https://…`) pins only with an `@ref`, another URL or path names one artifact, and `pipx install` is read like `pip install`.',
    conditions: [
      { id: 'pip', when: 'pip install names a package without a version', references: ['hadolint:DL3013', 'kics:02d9c71f-3ee8-4986-9c27-1a20d0d19bfc'] },
      { id: 'npm', when: 'npm, yarn or pnpm installs a package without a version or tag', references: ['hadolint:DL3016', 'kics:e36d8880-3f78-4546-b9a1-12f0745ca0d5'] },
      { id: 'npm-git', when: 'npm, yarn or pnpm installs from a git URL or a user/repo shorthand without a #commit-ish', references: ['hadolint:DL3016'] },
      { id: 'npm-url', when: 'npm, yarn or pnpm installs from an http(s) URL that is not a .tgz/.tar/.tar.gz tarball', references: ['hadolint:DL3016'] },
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
          if (p.dynamic || /^[./~]/.test(v) || /^file:/.test(v) || /\.(tgz|tar|tar\.gz)$/.test(v)) continue;
          // A git source is pinned by its #commit-ish (or #semver:range), as npm reads it; a URL that
          // is not a tarball serves whatever it serves (hadolint DL3016 reads both the same way).
          if (/^(git\+(ssh|https?|file):|git:|github:|gitlab:|bitbucket:|gist:)/.test(v) || (/^[\w.-]+\/[\w.-]+$/.test(v) && !v.startsWith('@'))) {
            if (!v.includes('#')) ctx.report({ at: p, condition: 'npm-git', message: `${cmd.name} installs ${v} from git without a #commit or #semver: range` });
            continue;
          }
          if (/^https?:/.test(v)) {
            ctx.report({ at: p, condition: 'npm-url', message: `${cmd.name} installs ${v}: a URL that is not a versioned tarball` });
            continue;
          }
          const at = v.startsWith('@') ? v.indexOf('@', 1) : v.indexOf('@');
          const tag = at > 0 ? v.slice(at + 1) : '';
          if (tag !== '' && tag !== 'latest') continue;
          ctx.report({ at: p, condition: tag === 'latest' ? 'npm-latest' : 'npm', message: tag === 'latest' ? `${cmd.name} installs ${v}: @latest is whatever the registry serves that day` : `${cmd.name} installs ${v} without a version` });
        }
      } else if (cmd.name === 'gem') {
        const s = subcommand(cmd, GEM_OPTIONS_WITH_VALUE);
        if (s?.sub.value !== 'install' && s?.sub.value !== 'i') continue;
        if (s.rest.some((w) => w.value === '-v' || w.value.startsWith('--version'))) continue;
        for (const p of gemOperands(s.rest)) if (!p.dynamic && !/:\d/.test(p.value) && !p.value.endsWith('.gem')) ctx.report({ at: p, condition: 'gem', message: `gem installs ${p.value} without a version` });
      } else if (cmd.name === 'go') {
        // hadolint DL3062: the module of go install, go get and go run (for go run only the first
        // operand: the rest are the program's arguments). Local packages (./…) have no version.
        const s = subcommand(cmd);
        if (!s || !/^(install|get|run)$/.test(s.sub.value)) continue;
        const mods = operands(s.rest);
        for (const p of s.sub.value === 'run' ? mods.slice(0, 1) : mods) {
          // Local packages, go files, and the patterns that name the standard library or the main module.
          if (p.dynamic || /^[./]/.test(p.value) || p.value.endsWith('.go') || /^(all|std|cmd|tool|\.\.\.)$/.test(p.value) || /^cmd\//.test(p.value)) continue;
          const at = p.value.lastIndexOf('@');
          // @none removes the module from go.mod (go get x@none): nothing is installed, so nothing to pin.
          if (at >= 0 && p.value.slice(at + 1) === 'none') continue;
          if (at < 0 || p.value.slice(at + 1) === 'latest') ctx.report({ at: p, condition: 'go', message: `go ${s.sub.value} ${p.value} is not pinned to a version` });
        }
      }
    }
  },
});

const GEM_OPTIONS_WITH_VALUE = /^(-v|--version|-i|--install-dir|-s|--source|-n|--bindir|--platform|-P|--trust-policy|--build-root|-g|--file|-B|--bulk-threshold|-p|--http-proxy|--config-file)$/;

/** gem install's flags that take no value (`gem help install`). */
const GEM_BOOLEAN_FLAGS = new Set([
  '-N', '--no-document', '--no-ri', '--no-rdoc', '--conservative', '--minimal-deps', '-f', '--force', '--no-force', '--ignore-dependencies', '--no-ignore-dependencies',
  '--user-install', '--no-user-install', '--pre', '--prerelease', '--no-prerelease', '--development', '--development-all', '--explain', '--lock', '--no-lock',
  '--suggestions', '--no-suggestions', '--default', '--post-install-message', '--no-post-install-message', '-V', '--verbose', '--no-verbose', '-q', '--quiet',
  '--silent', '--wrappers', '--no-wrappers', '--both', '-l', '--local', '-r', '--remote', '--clear-sources', '-E', '--env-shebang', '--no-env-shebang',
  '--vendor', '--norc', '--backtrace', '--debug', '--format-executable', '--no-format-executable', '-w', '-W', '--update-sources', '--no-update-sources',
]);

/**
 * The gems of `gem install`: operands up to `--` (after it come the gem's build flags). A flag
 * riskgate does not know as a plain switch is read as taking the next word, as hadolint DL3028
 * reads every flag (`--use-system-libraries true` is a build flag and its value, not a gem).
 */
function gemOperands(words: Word[]): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < words.length; i++) {
    const v = words[i].value;
    if (v === '--') break;
    if (v.startsWith('-') && v.length > 1) {
      if (!v.includes('=') && !GEM_BOOLEAN_FLAGS.has(v)) i++;
      continue;
    }
    out.push(words[i]);
  }
  return out;
}
