// `riskgate fix` for charts and Kustomize roots: the proved fixes of a scan (each already proved
// alone by rendering, see helm-map.ts and kustomize.ts) are applied together only as far as they
// stay proved together. In a temporary copy of what the chart or root reads, fixes are added one
// at a time (most severe first) and the copy rendered and checked after each: a fix stays when its
// finding is gone and no finding appeared; otherwise it is backed out and reported. Fixes that
// edit the same place as an accepted one wait for another pass over the edited copy.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { scan, scanFiles } from '../engine.js';
import type { Config } from '../config.js';
import { severityRank, type Finding, type TextEdit } from '../types.js';
import { applyEdits } from '../fix/apply.js';
import { findingIdentity } from '../fix/fix-files.js';
import { counts } from './place.js';
import { checkRenderedAt } from './scan-rendered.js';
import { append } from '../util/append.js';

/** Renders per chart or root that fix verification may cost. */
const MAX_TRIES_PER_TARGET = 40;

export interface RenderedFixOutcome {
  /** Display path → new text. */
  changed: Map<string, string>;
  /** Display path → original text. */
  originals: Map<string, string>;
  /** Display path → absolute path. */
  absolute: Map<string, string>;
  /** `identity`: the finding's (rule, resource, container), to tell which rendered findings remain. */
  applied: { path: string; line: number; ruleId: string; description: string; identity: string }[];
  /** Every rendered finding before fixing: with `applied`, what remains for the exit code. */
  before: Finding[];
  backedOut: { path: string; line: number; ruleId: string; description: string; reason: string }[];
  /** Unsafe fixes left alone without --unsafe-fixes. */
  held: Finding[];
  /** Files a chart or root owns: `riskgate fix` leaves them to this module. */
  owned: Set<string>;
}

export function fixRendered(paths: string[], cwd: string, root: string, config: Config, options: { rules: string[] | null; unsafe: boolean }): RenderedFixOutcome {
  const out: RenderedFixOutcome = { changed: new Map(), originals: new Map(), absolute: new Map(), applied: [], before: [], backedOut: [], held: [], owned: new Set() };
  if (!config.render.enabled) return out;
  const result = scan({ paths, cwd, config, root });
  out.before = result.findings.filter((f) => f.rendered);
  for (const f of result.files) if (f.rendered && f.path !== f.rendered.root) out.owned.add(f.path);
  const scopes = new Map((result.renderScopes ?? []).map((s) => [s.path, s.scope]));
  const wanted = result.findings.filter((f) => f.rendered && f.fix && !f.suppressed && (!options.rules || options.rules.includes(f.ruleId)));
  out.held = wanted.filter((f) => f.fix!.unsafe && !options.unsafe);
  const byRoot = new Map<string, Finding[]>();
  for (const f of wanted) if (!f.fix!.unsafe || options.unsafe) append(byRoot, f.rendered!.root, f);
  const renderedConfig = { ...config, maxFileSize: config.render.maxOutput };
  const scanText = (path: string, text: string) => scanFiles([{ path, text, kind: 'manifest', rendered: true }], renderedConfig);

  for (const [rootPath, first] of byRoot) {
    const scope = scopes.get(rootPath);
    if (!scope) continue;
    const kind = first[0].rendered!.by;
    // A mirror of the working directory holding a copy of what the root reads: later passes scan
    // it with the same relative paths, so their fixes' offsets are those of the edited copies.
    const mirror = mkdtempSync(join(tmpdir(), 'riskgate-fix-render-'));
    try {
      cpSync(resolve(cwd, scope), join(mirror, relative(cwd, resolve(cwd, scope))), { recursive: true, verbatimSymlinks: true, filter: (src) => !/(^|[/\\])(\.git|node_modules)$/.test(src) });
      const chartKey = relative(root, resolve(cwd, rootPath)).split(sep).join('/') || '.';
      const check = () => checkRenderedAt(kind, join(mirror, rootPath), chartKey, { config, scanText });
      const initial = check();
      if (!initial) continue;
      let now = counts(initial);
      let tries = 0;
      const touched = new Set<string>();
      let findings = first;
      let sources = result.sources;
      // Fixes that edit the same place as an earlier one wait for the next pass (at most 4).
      for (let pass = 1; pass <= 4 && findings.length; pass++) {
        const accepted = new Map<string, TextEdit[]>();
        let waiting = 0;
        for (const f of [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity))) {
          const base = sources.get(f.path)?.text;
          if (base === undefined) continue;
          const mine = accepted.get(f.path) ?? [];
          if (f.fix!.edits.some((e) => mine.some((m) => (e.start < m.end && m.start < e.end) || e.start === m.start))) {
            waiting++;
            continue;
          }
          if (tries++ >= MAX_TRIES_PER_TARGET) {
            out.backedOut.push({ path: f.path, line: f.line, ruleId: f.ruleId, description: f.fix!.description, reason: `not tried: over ${MAX_TRIES_PER_TARGET} renders for ${rootPath}; run riskgate fix again` });
            continue;
          }
          const next = [...mine, ...f.fix!.edits];
          writeFileSync(join(mirror, f.path), applyEdits(base, next));
          const after = check();
          const id = findingIdentity(f);
          const ok = after !== null && (counts(after).get(id) ?? 0) < (now.get(id) ?? 0) && [...counts(after)].every(([k, n]) => n <= (now.get(k) ?? 0));
          if (!ok) {
            writeFileSync(join(mirror, f.path), applyEdits(base, mine));
            out.backedOut.push({ path: f.path, line: f.line, ruleId: f.ruleId, description: f.fix!.description, reason: after === null ? `${rootPath} no longer renders with it` : 'rendering with it (and the fixes before it) still shows its finding, or a new one' });
            continue;
          }
          accepted.set(f.path, next);
          touched.add(f.path);
          now = counts(after);
          out.applied.push({ path: f.path, line: f.line, ruleId: f.ruleId, description: f.fix!.description, identity: id });
        }
        if (!waiting || !accepted.size) break;
        const again = scan({ paths: [rootPath], cwd: mirror, config, root: join(mirror, relative(cwd, root)) });
        const applied = new Set(out.backedOut.map((b) => `${b.path}:${b.ruleId}`));
        findings = again.findings.filter((f) => f.rendered?.root === rootPath && f.fix && !f.suppressed && (!f.fix.unsafe || options.unsafe) && (!options.rules || options.rules.includes(f.ruleId)) && !applied.has(`${f.path}:${f.ruleId}`));
        sources = again.sources;
      }
      for (const path of touched) {
        out.originals.set(path, result.sources.get(path)!.text);
        out.changed.set(path, readFileSync(join(mirror, path), 'utf8'));
        out.absolute.set(path, resolve(cwd, path));
      }
    } finally {
      rmSync(mirror, { recursive: true, force: true });
    }
  }
  return out;
}
