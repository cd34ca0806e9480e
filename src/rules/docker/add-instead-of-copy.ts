import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { instructions } from './helpers.js';

// What Docker may extract: a tar, or a compressed file that may hold one (Docker decides by
// content, so a `.bz2` or `.xz` may be a tarball; hadolint's archive suffixes, plus zstd).
const ARCHIVE = /\.(tar|gz|bz2|xz|zst|lz|lzma|z|tz|tb2|tbz2?|tgz|tlz|tpz|txz|tzst)$/i;

export default defineDockerfileRule({
  meta: {
    id: 'docker/add-instead-of-copy',
    title: 'ADD used instead of COPY',
    severity: 'low',
    target: 'dockerfile',
    catalog: ['D10'],
    description:
      '`ADD` fetches URLs and silently extracts local archives; for plain files it does what `COPY` does with more surprises. ' +
      'A remote `ADD` without `--checksum` downloads whatever the server returns, unverified.',
    remediation: 'Use `COPY` for local files. For downloads, use `ADD --checksum=sha256:… <url>` or `RUN curl` with a checksum check.',
    decisions: 'Local archives (`.tar.gz`, …, and compressed files such as `.bz2` or `.xz`, which Docker extracts when they hold a tar; quotes around a path are read off) are allowed: extracting them is what ADD is for (docker/copy-then-extract, hadolint DL3010, even suggests it), and rewriting such an ADD to COPY would change the image, so no finding and no fix. Git URLs and URLs pinned with `--checksum` are allowed. Checkov CKV_DOCKER_4 fails on every ADD; riskgate cites it on the findings it makes.',
    conditions: [
      { id: 'local', when: 'ADD of local files none of which is a tar archive', references: ['hadolint:DL3020', 'trivy:DS-0005', 'checkov:CKV_DOCKER_4', 'kics:9513a694-aa0d-41d8-be61-3271e056f36b'] },
      { id: 'remote', when: 'ADD of a URL without --checksum', references: ['checkov:CKV_DOCKER_4', 'kics:4b410d24-1cbe-4430-a632-62c9a931cf1c'] },
      { id: 'no-tar-in-args', when: 'the ADD\'s arguments do not mention `.tar` (Trivy DS-0005\'s test)', references: ['trivy:DS-0005'] },
    ],
    references: ['hadolint:DL3020', 'trivy:DS-0005', 'checkov:CKV_DOCKER_4', 'kics:9513a694-aa0d-41d8-be61-3271e056f36b', 'kics:4b410d24-1cbe-4430-a632-62c9a931cf1c'],
    fix: { available: true, note: 'Replaces `ADD` with `COPY` for local, non-archive sources.', unsafe: false },
  },
  check(ctx) {
    for (const i of instructions(ctx.model, 'ADD')) {
      if (i.args.length < 2) continue;
      const sources = i.args.slice(0, -1);
      const remote = sources.filter((s) => /^https?:\/\//i.test(s.value));
      const git = sources.filter((s) => /^git@|\.git(#.*)?$/.test(s.value));
      const local = sources.filter((s) => !remote.includes(s) && !git.includes(s));
      if (local.length && local.every((s) => !ARCHIVE.test(unquoted(s.value)))) {
        ctx.report({
          at: { start: i.start, end: i.keywordEnd },
          condition: 'local',
          message: `ADD copies local ${local.length === 1 ? `file ${local[0].value}` : 'files'}; use COPY`,
          fix: { description: 'Replace ADD with COPY', edits: [{ start: i.start, end: i.keywordEnd, text: ctx.model.file.text.slice(i.start, i.keywordEnd) === 'add' ? 'copy' : 'COPY' }] },
        });
      } else if (remote.length && !i.flags.some((f) => f.name === 'checksum')) {
        const args = i.args.map((a) => a.value).join(' ');
        ctx.report({ at: remote[0], condition: args.includes('.tar') ? ['remote'] : ['remote', 'no-tar-in-args'], message: `ADD downloads ${remote[0].value} without --checksum; the content is not verified` });
      }
    }
  },
});

const unquoted = (v: string) => v.replace(/^["']+|["']+$/g, '');
