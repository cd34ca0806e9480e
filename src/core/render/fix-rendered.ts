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
import { findingIdentity } from '../findings.js';
import { counts, fixesKept } from './place.js';
import { checkRenderedAt } from './scan-rendered.js';
import { commonAncestor } from './targets.js';
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
  // A fix to try: rendered, not suppressed, of the rules asked for; unsafe ones only when allowed.
  const wanted = (f: Finding) => Boolean(f.rendered && f.fix && !f.suppressed && (!options.rules || options.rules.includes(f.ruleId)));
  const allowed = (f: Finding) => wanted(f) && (!f.fix!.unsafe || options.unsafe);
  out.held = result.findings.filter((f) => wanted(f) && !allowed(f));
  const byRoot = new Map<string, Finding[]>();
  for (const f of result.findings) if (allowed(f) && scopes.has(f.rendered!.root)) append(byRoot, f.rendered!.root, f);
  if (!byRoot.size) return out;
  const renderedConfig = { ...config, maxFileSize: config.render.maxOutput };
  const scanText = (path: string, text: string) => scanFiles([{ path, text, kind: 'manifest', rendered: true }], renderedConfig);

  // One mirror for all roots, so that roots sharing a base build on each other's edits instead of
  // each overwriting the base with its own copy. It mirrors the common ancestor of the working
  // directory and every scope: a scope outside the working directory (`../base`) stays inside it.
  const scopeDirs = [...new Set([...byRoot.keys()].map((r) => resolve(cwd, scopes.get(r)!)))];
  const top = commonAncestor([resolve(cwd), ...scopeDirs]);
  const mirror = mkdtempSync(join(tmpdir(), 'riskgate-fix-render-'));
  const mirrorCwd = join(mirror, relative(top, resolve(cwd)));
  const mirrorRoot = join(mirror, relative(top, resolve(cwd, root)));
  const inMirror = (displayPath: string) => join(mirrorCwd, displayPath);
  try {
    for (const dir of scopeDirs) cpSync(dir, join(mirror, relative(top, dir)), { recursive: true, verbatimSymlinks: true, filter: (src) => !/(^|[/\\])(\.git|node_modules)$/.test(src) });
    const touched = new Set<string>();
    const startCounts = new Map<string, Map<string, number>>();
    const checkOf = (rootPath: string, kind: 'helm' | 'kustomize') => {
      const chartKey = relative(root, resolve(cwd, rootPath)).split(sep).join('/') || '.';
      return () => checkRenderedAt(kind, inMirror(rootPath), chartKey, { config, scanText });
    };
    for (const [rootPath, first] of byRoot) {
      const kind = first[0].rendered!.by;
      const check = checkOf(rootPath, kind);
      const initial = check();
      if (!initial) continue;
      let now = counts(initial);
      startCounts.set(rootPath, now);
      let tries = 0;
      let findings = first;
      let sources = result.sources;
      // Another root edited files already: this root's findings and offsets come from the mirror.
      if (touched.size) {
        const again = rescan(rootPath);
        findings = again.findings;
        sources = again.sources;
      }
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
          writeFileSync(inMirror(f.path), applyEdits(base, next));
          const after = check();
          if (after === null || !fixesKept([f], now, counts(after))) {
            writeFileSync(inMirror(f.path), applyEdits(base, mine));
            out.backedOut.push({ path: f.path, line: f.line, ruleId: f.ruleId, description: f.fix!.description, reason: after === null ? `${rootPath} no longer renders with it` : 'rendering with it (and the fixes before it) still shows its finding, or a new one' });
            continue;
          }
          accepted.set(f.path, next);
          touched.add(f.path);
          now = counts(after);
          out.applied.push({ path: f.path, line: f.line, ruleId: f.ruleId, description: f.fix!.description, identity: findingIdentity(f) });
        }
        if (!waiting || !accepted.size) break;
        const again = rescan(rootPath);
        const backedOut = new Set(out.backedOut.map((b) => `${b.path}:${b.ruleId}`));
        findings = again.findings.filter((f) => !backedOut.has(`${f.path}:${f.ruleId}`));
        sources = again.sources;
      }
    }
    // Every root, with every root's fixes: none may render worse than it started (a fix one root
    // proved on a shared base could add a finding to another). If one does, nothing is written.
    for (const [rootPath, start] of startCounts) {
      const end = checkOf(rootPath, byRoot.get(rootPath)![0].rendered!.by)();
      const worse = end === null ? 'no longer renders' : [...counts(end)].some(([k, n]) => n > (start.get(k) ?? 0)) ? 'shows a finding it did not have' : null;
      if (worse) {
        for (const a of out.applied.splice(0)) out.backedOut.push({ path: a.path, line: a.line, ruleId: a.ruleId, description: a.description, reason: `not written: with the fixes of all charts and roots together, ${rootPath} ${worse}` });
        return out;
      }
    }
    for (const path of touched) {
      out.originals.set(path, result.sources.get(path)!.text);
      out.changed.set(path, readFileSync(inMirror(path), 'utf8'));
      out.absolute.set(path, resolve(cwd, path));
    }
  } finally {
    rmSync(mirror, { recursive: true, force: true });
  }
  return out;

  function rescan(rootPath: string) {
    const again = scan({ paths: [rootPath], cwd: mirrorCwd, config, root: mirrorRoot });
    const findings = again.findings.filter((f) => f.rendered?.root === rootPath && allowed(f));
    return { findings, sources: again.sources };
  }
}
