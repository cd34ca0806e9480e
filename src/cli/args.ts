// Command-line parsing with messages that say what to fix. No dependency: the surface is small.

import { suggest } from '../core/suggest.js';
import type { CommandName } from './usage.js';

export class UsageError extends Error {}

/** `-h`/`--help` after a command: the caller prints that command's usage and exits 0. */
export class HelpRequested extends Error {
  constructor(readonly command: CommandName) {
    super(`help for ${command}`);
  }
}

/** Short forms, each for the long option it stands for (taken only where the command has that option). */
const SHORT: Record<string, string> = { '-o': '--output' };

export interface ParsedArgs {
  command: string | null;
  positionals: string[];
  options: Map<string, string[]>;
  flags: Set<string>;
}

export interface ArgSpec {
  /** Options that take a value (`--format json`, `--format=json`). */
  values: string[];
  /** Boolean flags. */
  flags: string[];
  /** Whose `--help` this is. */
  command: CommandName;
}

export function parseArgs(argv: string[], spec: ArgSpec): ParsedArgs {
  const out: ParsedArgs = { command: null, positionals: [], options: new Map(), flags: new Set() };
  let rest = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (rest || !a.startsWith('-') || a === '-') {
      out.positionals.push(a);
      continue;
    }
    if (a === '--') {
      rest = true;
      continue;
    }
    if (a === '-h' || a === '--help') throw new HelpRequested(spec.command);
    const eq = a.indexOf('=');
    const written = eq > 0 ? a.slice(0, eq) : a;
    const name = SHORT[written] && spec.values.includes(SHORT[written]) ? SHORT[written] : written;
    if (spec.values.includes(name)) {
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      const list = out.options.get(name) ?? [];
      list.push(value);
      out.options.set(name, list);
    } else if (spec.flags.includes(name) && eq < 0) {
      out.flags.add(name);
    } else {
      const known = [...spec.values, ...spec.flags, '--help'];
      throw new UsageError(`unknown option ${name} for riskgate ${spec.command}${near(name, known)}; riskgate ${spec.command} --help lists them (a path that starts with a dash goes after --)`);
    }
  }
  return out;
}

export function single(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  if (v && v.length > 1) throw new UsageError(`${name} given more than once`);
  return v?.[0];
}

export function choice<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[], fallback: T): T {
  const v = single(args, name);
  if (v === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`${name} must be one of ${allowed.join(', ')}; got "${v}"`);
  return v as T;
}

function near(name: string, known: string[]): string {
  const hit = suggest(name, known);
  return hit ? ` (did you mean ${hit}?)` : '';
}

/** `--fail-on-risk`: a number from 0 to 100, or none (null, as when absent). */
export function riskThreshold(v: string | undefined): number | null {
  if (v === undefined || v === 'none') return null;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`--fail-on-risk must be a number from 0 to 100, or none; got "${v}"`);
  return n;
}
