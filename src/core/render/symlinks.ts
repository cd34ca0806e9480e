// helm follows symbolic links when it loads a chart, and kustomize's load restrictor checks paths,
// not what links resolve to. A pull request could add `templates/x.yaml -> ../../.git/config`
// (where actions/checkout keeps its token) or a link to a runner file, and the rendered text would
// carry it into findings, annotations and comments. So a chart or root with a link that leads out
// of it, or into a .git directory, is not rendered.

import { lstatSync, readdirSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** The first symbolic link under `dir` that resolves outside `inside` or into a `.git` directory, or null. */
export function escapingSymlink(dir: string, inside: string, budget = { left: 100_000 }): string | null {
  let real: string;
  try {
    real = realpathSync(inside);
  } catch {
    return null;
  }
  const walk = (d: string): string | null => {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      return null;
    }
    for (const name of entries) {
      if (--budget.left < 0) return null;
      const p = join(d, name);
      let st;
      try {
        st = lstatSync(p);
      } catch {
        continue;
      }
      if (st.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync(p);
        } catch {
          continue; // a dangling link reads nothing
        }
        const rel = relative(real, target);
        if (rel.startsWith('..') || rel === '' || target.split(sep).includes('.git')) return p;
        continue;
      }
      if (st.isDirectory() && name !== '.git' && name !== 'node_modules') {
        const found = walk(p);
        if (found) return found;
      }
    }
    return null;
  };
  return walk(dir);
}
