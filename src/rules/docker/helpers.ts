// Building blocks shared by the Dockerfile rules: RUN commands, package-manager invocations,
// stages and the final image.

import type { DockerModel, Instr, Stage } from '../../core/docker/model.js';
import type { ShellCommand, Word } from '../../core/docker/shell.js';

export interface RunCommand {
  instr: Instr;
  cmd: ShellCommand;
}

export function runCommands(model: DockerModel): RunCommand[] {
  const out: RunCommand[] = [];
  for (const instr of instructions(model, 'RUN')) if (instr.shell) for (const cmd of instr.shell.commands) out.push({ instr, cmd });
  return out;
}

/** Every instruction, the ones wrapped in ONBUILD included, in file order (see `instructions`). */
export function allInstructions(model: DockerModel): Instr[] {
  return model.triggers.length ? [...model.instructions, ...model.triggers].sort((a, b) => a.start - b.start) : model.instructions;
}

export function commandsNamed(model: DockerModel, ...names: string[]): RunCommand[] {
  const set = new Set(names);
  return runCommands(model).filter((r) => set.has(r.cmd.name));
}

export function finalStage(model: DockerModel): Stage | null {
  return model.stages.length ? model.stages[model.stages.length - 1] : null;
}

/**
 * The instructions with `keyword`, the ones wrapped in ONBUILD included (hadolint checks those as
 * the instruction they wrap), in file order. For this image's own stages use `stage.instructions`.
 */
export function instructions(model: DockerModel, keyword: string): Instr[] {
  const own = model.instructions.filter((i) => i.keyword === keyword);
  const wrapped = model.triggers.filter((i) => i.keyword === keyword);
  return wrapped.length ? [...own, ...wrapped].sort((a, b) => a.start - b.start) : own;
}

/** `apt-get -y install foo` → the subcommand word (`install`) and the words after it. */
export function subcommand(cmd: ShellCommand, optionsWithValue: RegExp = /^$/): { sub: Word; rest: Word[] } | null {
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v.startsWith('-')) {
      if (optionsWithValue.test(v) && !v.includes('=')) i++;
      continue;
    }
    return { sub: args[i], rest: args.slice(i + 1) };
  }
  return null;
}

/** The operands (non-option words) of a command, skipping the values of options that take one. */
export function operands(words: Word[], optionsWithValue: RegExp = /^$/): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < words.length; i++) {
    const v = words[i].value;
    if (v === '--') {
      out.push(...words.slice(i + 1));
      break;
    }
    if (v.startsWith('-') && v.length > 1) {
      if (optionsWithValue.test(v) && !v.includes('=')) i++;
      continue;
    }
    out.push(words[i]);
  }
  return out;
}

export function hasOption(words: Word[], ...options: (string | RegExp)[]): Word | undefined {
  return words.find((w) => options.some((o) => (typeof o === 'string' ? w.value === o || w.value.startsWith(`${o}=`) : o.test(w.value))));
}

/** A short flag in a bundle: `-yq` has `y`. */
export function hasShortFlag(words: Word[], letter: string): boolean {
  return words.some((w) => /^-[A-Za-z]+$/.test(w.value) && w.value.includes(letter));
}

export const APT_OPTIONS_WITH_VALUE = /^(-o|-c|-t|--target-release|--option|--config-file|--default-release)$/;
export const APK_OPTIONS_WITH_VALUE = /^(-X|--repository|-t|--virtual|-p|--root|--arch|--keys-dir|--cache-dir|-R)$/;
export const YUM_OPTIONS_WITH_VALUE = /^(-c|--config|--installroot|--releasever|--setopt|--enablerepo|--disablerepo|-x|--exclude|--repo|--repofrom|--repofrompath|--forcearch|--nodocs)$/;
export const PIP_OPTIONS_WITH_VALUE = /^(-r|--requirement|-c|--constraint|-e|--editable|-i|--index-url|--extra-index-url|-f|--find-links|-t|--target|--prefix|--root|--root-user-action|--trusted-host|--platform|--python-version|--python|--implementation|--abi|--src|--upgrade-strategy|--progress-bar|--cache-dir|--log|--proxy|--retries|--timeout|--cert|--client-cert|--no-binary|--only-binary)$/;
export const NPM_OPTIONS_WITH_VALUE = /^(--prefix|--registry|--cache|--userconfig|-w|--workspace|--tag|--omit|--include)$/;

export const APT = new Set(['apt-get', 'apt']);
export const YUM_LIKE = new Set(['yum', 'dnf', 'microdnf', 'tdnf']);
/** yum/dnf subcommands that install packages, with dnf's aliases (`in`, `rei`). */
export const YUM_INSTALL = /^(install|in|localinstall|reinstall|rei|groupinstall)$/;
/** yum/dnf subcommands that upgrade packages, with dnf's aliases (`up`, `upgrade-minimal`, `dsync`, …). */
export const YUM_UPGRADE = /^(update|upgrade|up|update-minimal|upgrade-minimal|up-min|distro-sync|dsync|distribution-synchronization)$/;
/** zypper's install and upgrade subcommands, with their short spellings. */
export const ZYPPER_INSTALL = /^(install|in)$/;
export const ZYPPER_UPGRADE = /^(update|up|dist-upgrade|dup|patch)$/;
// pipx installs each application into its own virtual environment under ~/.local and keeps no
// wheel cache in the image the way `pip install` does: it is not read as pip.
export const PIP = new Set(['pip', 'pip3', 'pip2']);

/** `pip install …`, also as `python -m pip install …`. Returns the words after `pip`. */
export function pipArgs(cmd: ShellCommand): Word[] | null {
  if (PIP.has(cmd.name) || /^pip\d(\.\d+)?$/.test(cmd.name)) return cmd.args;
  if (/^python[\d.]*$/.test(cmd.name)) {
    const m = cmd.args.findIndex((w) => w.value === '-m');
    if (m >= 0 && /^pip\d?$/.test(cmd.args[m + 1]?.value ?? '')) return cmd.args.slice(m + 2);
  }
  return null;
}

/** A RUN with a BuildKit cache or tmpfs mount over the cache directory keeps it out of the image by design. */
export function hasCacheMount(instr: Instr, target?: RegExp): boolean {
  return instr.flags.some((f) => f.name === 'mount' && /(^|,)type=(cache|tmpfs)(,|$)/.test(f.value ?? '') && (!target || target.test(f.value ?? '')));
}

/**
 * pip reads PIP_NO_CACHE_DIR as it reads --no-cache-dir: any valid boolean (1/0, true/false,
 * yes/no, on/off, y/n, t/f) disables the cache (pip's _handle_no_cache_dir, kept for backward
 * compatibility), so `PIP_NO_CACHE_DIR=0` disables it too.
 */
export const PIP_BOOL = /^(y|yes|t|true|on|1|n|no|f|false|off|0)$/i;

/** Whether any command in the same RUN satisfies `pred`. */
export function sameRun(model: DockerModel, instr: Instr, pred: (c: ShellCommand) => boolean): boolean {
  return (instr.shell?.commands ?? []).some(pred);
}

/** Words as they appear in the source, for messages. */
export function wordsText(words: Word[]): string {
  return words.map((w) => w.value).join(' ');
}
