// Review planning: anchors checked against the diff, grouping, limits, idempotency, staleness.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFiles } from '../src/core/engine.js';
import { parsePatch, canAnchor } from '../src/action/diff.js';
import { planReview } from '../src/action/review.js';
import { md, code, fenced } from '../src/action/markdown.js';

const TEXT = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: s}\nspec:\n  hostPID: true\n  containers:\n    - name: a\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n';
// The PR added lines 5 and 10 (two hunks).
const PATCH = '@@ -3,3 +3,4 @@\n metadata: {name: p, namespace: s}\n spec:\n+  hostPID: true\n   containers:\n@@ -8,2 +9,3 @@\n       securityContext:\n+        privileged: true\n';

test('patches give the RIGHT-side lines and hunks', () => {
  const d = parsePatch(PATCH);
  assert.deepEqual([...d.added], [5, 10]);
  assert.ok(canAnchor(d, 5, 5));
  assert.ok(canAnchor(d, 9, 10));
  assert.ok(!canAnchor(d, 5, 9), 'a range across hunks is refused');
  assert.ok(!canAnchor(d, 7, 7), 'a line outside the hunks is refused');
});

test('comments only where the diff allows; the rest in the body; same-line findings share a comment', () => {
  const r = scanFiles([{ path: 'p.yaml', text: TEXT }]);
  const findings = r.findings.filter((f) => !f.suppressed);
  const plan = planReview(findings, new Map([['p.yaml', parsePatch(PATCH)]]), r.sources, [], new Set(), 30);
  for (const c of plan.comments) assert.ok(canAnchor(parsePatch(PATCH), c.start_line ?? c.line, c.line), `anchor ${c.line}`);
  assert.ok(plan.comments.some((c) => c.line === 10 && c.body.includes('privileged: false')));
  assert.ok(plan.inBody.some((f) => f.line === 7), 'the container entry (line 7) is outside the diff');
  const limited = planReview(findings, new Map([['p.yaml', parsePatch(PATCH)]]), r.sources, [], new Set(), 1);
  assert.equal(limited.comments.length, 1);
  assert.ok(limited.inBody.length > plan.inBody.length, 'over the limit goes to the body');
});

test('re-runs skip what was posted and find stale comments, but not ones with replies', () => {
  const r = scanFiles([{ path: 'p.yaml', text: TEXT }]);
  const diffs = new Map([['p.yaml', parsePatch(PATCH)]]);
  const first = planReview(r.findings, diffs, r.sources, [], new Set(), 30);
  const existing = first.comments.map((c, i) => ({ id: i + 1, body: c.body }));
  const again = planReview(r.findings, diffs, r.sources, existing, new Set(r.findings.map((f) => f.fingerprint)), 30);
  assert.equal(again.comments.length, 0);
  assert.equal(again.inBody.length, 0);
  const gone = planReview([], diffs, r.sources, [...existing, { id: 99, body: 'thanks!', in_reply_to_id: 1 }], new Set(), 30);
  assert.deepEqual(gone.stale.map((s) => s.id).sort(), existing.map((c) => c.id).filter((id) => id !== 1).sort());
});

test('Markdown helpers neutralise file content', () => {
  assert.equal(md('[x](javascript:alert(1)) <img> @team'), '\\[x\\]\\(javascript:alert\\(1\\)\\) &lt;img&gt; @\u200bteam');
  assert.equal(code('a`b'), '``a`b``');
  assert.equal(fenced('suggestion', 'x\n```\ny'), '````suggestion\nx\n```\ny\n````');
});
