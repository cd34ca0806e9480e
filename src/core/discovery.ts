// Finds the files to scan under the given paths: Dockerfiles by name, Kubernetes manifests by
// extension (their content decides later). Never leaves the scanned root through a symlink.

import { lstatSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';

export type Candidate = {
  absPath: string;
  /** Relative to the working directory, with `/`. */
  path: string;
  kind: 'dockerfile' | 'manifest';
  /** Named on the command line (so it is scanned even when its name does not match). */
  explicit: boolean;
  /** Output of helm or kustomize (held in memory), not a file in the repository. */
  rendered?: boolean;
  /** Bytes, as the directory walk saw them (for planning: a bounded scan, shares of work). */
  size?: number;
};

export type Unreadable = { path: string; reason: string };

export interface DiscoveryOptions {
  cwd: string;
  /** Root that include/exclude globs are relative to. */
  root: string;
  include: string[];
  exclude: string[];
}

const ALWAYS_SKIPPED_DIRS = new Set(['.git', 'node_modules']);
const MANIFEST_EXT = /\.(ya?ml|json)$/i;
const DOCKERFILE_NAME = /(?:^|[._-])(?:docker|container)file(?:[._-].+)?$/i;
/** `Dockerfile.md` and friends document a Dockerfile; they are not one. */
const NOT_A_DOCKERFILE_EXT = /\.(md|markdown|txt|rst|adoc|html?|sh|bash|ps1|py|js|ts|go|json|ya?ml|toml|lock|orig|rej|swp|png|jpe?g|gif|svg)$/i;

export function isDockerfileName(name: string): boolean {
  return DOCKERFILE_NAME.test(name) && !(NOT_A_DOCKERFILE_EXT.test(name) && !/(docker|container)file$/i.test(name)) && !/^\.?(docker|container)fileignore$/i.test(name) && !/\.(docker|container)ignore$/i.test(name);
}

export function toDisplayPath(cwd: string, abs: string): string {
  // The working directory itself is `.`: a chart or root scanned from inside it has a path that
  // resolves back to it (its basename did not, and `fix` failed on it).
  const rel = relative(cwd, abs) || '.';
  return sep === '/' ? rel : rel.split(sep).join('/');
}

export function discover(paths: string[], opts: DiscoveryOptions): { candidates: Candidate[]; problems: Unreadable[] } {
  const candidates: Candidate[] = [];
  const problems: Unreadable[] = [];
  const seen = new Set<string>();
  const include = opts.include.length ? picomatch(opts.include, { dot: true }) : null;
  const exclude = opts.exclude.length ? picomatch(opts.exclude, { dot: true }) : null;
  const relToRoot = (abs: string) => relative(opts.root, abs).split(sep).join('/');
  const excluded = (abs: string) => {
    const r = relToRoot(abs);
    return exclude !== null && (exclude(r) || exclude(`${r}/`));
  };

  /** `real`: the file's real path when the walk knows it (a plain file in a directory whose real path is known). */
  const addFile = (abs: string, explicit: boolean, size: number, known?: string) => {
    const real = known ?? safeRealpath(abs) ?? abs;
    if (seen.has(real)) return;
    seen.add(real);
    const name = basename(abs);
    // `Kustomization` (no extension) is kustomize's third file name: a manifest-like file, not a Dockerfile.
    const kind = isDockerfileName(name) ? 'dockerfile' : MANIFEST_EXT.test(name) || name === 'Kustomization' ? 'manifest' : explicit ? 'manifest' : null;
    if (!kind) return;
    if (!explicit && include && !include(relToRoot(abs))) return;
    if (!explicit && excluded(abs)) return;
    candidates.push({ absPath: abs, path: toDisplayPath(opts.cwd, abs), kind: explicit && !MANIFEST_EXT.test(name) && !isDockerfileName(name) && name !== 'Kustomization' ? 'dockerfile' : kind, explicit, size });
  };

  // `dirReal` is `dir`'s real path: an entry that is not a symbolic link is that plus its name,
  // which spares a realpath (several system calls) per file.
  const walk = (dir: string, dirReal: string, rootReal: string, visited: Set<string>) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (e) {
      problems.push({ path: toDisplayPath(opts.cwd, dir), reason: `cannot read directory (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    for (const entry of entries) {
      const name = entry.name;
      const abs = join(dir, name);
      // The entry's type comes with the directory read: a file that can be neither a Dockerfile
      // nor a manifest needs no stat (most of a repository), a directory none either.
      if (entry.isFile() && !isDockerfileName(name) && !MANIFEST_EXT.test(name) && name !== 'Kustomization') continue;
      let st: Stats | Dirent;
      try {
        st = entry.isDirectory() ? entry : lstatSync(abs);
      } catch {
        continue;
      }
      let known: string | undefined = join(dirReal, name);
      if (st.isSymbolicLink()) {
        known = undefined;
        const real = safeRealpath(abs);
        if (!real || !(real === rootReal || real.startsWith(rootReal + sep))) {
          if (isDockerfileName(name) || MANIFEST_EXT.test(name) || (real && isDir(real)))
            problems.push({ path: toDisplayPath(opts.cwd, abs), reason: real ? 'symlink points outside the scanned root; not followed' : 'broken symlink' });
          continue;
        }
        // .git holds the checkout's credentials (actions/checkout keeps its token in .git/config).
        if (relative(rootReal, real).split(sep).includes('.git')) {
          problems.push({ path: toDisplayPath(opts.cwd, abs), reason: 'symlink points into .git; not followed' });
          continue;
        }
        st = statSync(real);
      }
      if (st.isDirectory()) {
        if (ALWAYS_SKIPPED_DIRS.has(name) || excluded(abs)) continue;
        const real = known ?? safeRealpath(abs) ?? abs;
        if (visited.has(real)) continue;
        visited.add(real);
        walk(abs, real, rootReal, visited);
      } else if (st.isFile()) {
        addFile(abs, false, (st as Stats).size, known); // a Dirent only stands for a directory
      }
    }
  };

  for (const p of paths) {
    const abs = resolve(opts.cwd, p);
    let st: Stats;
    try {
      st = statSync(abs);
    } catch {
      problems.push({ path: p, reason: 'no such file or directory' });
      continue;
    }
    if (st.isDirectory()) {
      const real = safeRealpath(abs) ?? abs;
      walk(abs, real, real, new Set([real]));
    } else if (st.isFile()) {
      addFile(abs, true, st.size);
    } else {
      problems.push({ path: p, reason: 'not a regular file or directory' });
    }
  }
  return { candidates, problems };
}

function safeRealpath(p: string): string | null {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
}

export function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
