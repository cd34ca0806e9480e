import { defineDockerfileRule } from '../../core/docker/analyze.js';

/** hadolint's archive extensions (Hadolint.Rule: archiveFileFormatExtensions). */
const ARCHIVE = /\.(tar|tar\.bz2|tb2|tbz|tbz2|tar\.gz|tgz|tpz|tar\.lz|tar\.lzma|tlz|tar\.xz|txz|tar\.Z|tZ)$/;
const UNPACKERS = new Set(['unzip', 'gunzip', 'bunzip2', 'unlzma', 'unxz', 'zgz', 'uncompress', 'zcat', 'gzcat']);
const base = (p: string) => p.replace(/^["']|["']$/g, '').split(/[/\\]/).pop() ?? p;

export default defineDockerfileRule({
  meta: {
    id: 'docker/copy-then-extract',
    title: 'Archive copied, then extracted in a RUN',
    severity: 'info',
    target: 'dockerfile',
    catalog: ['D10'],
    description:
      '`COPY app.tar.gz /src/` followed by `RUN tar -xzf /src/app.tar.gz` keeps the archive in one layer and its contents in another: the image carries the data twice. ' +
      '`ADD app.tar.gz /src/` extracts a local archive in a single layer.',
    remediation: 'Use `ADD <archive> <dir>` for a local tar archive, or extract it in a build stage and `COPY --from` the result.',
    decisions: 'As hadolint DL3010: a COPY (without --from) of a file with a tar archive extension, or to such a name, that a later RUN of the same stage extracts (`tar` with x, --extract or --get; unzip, gunzip and the like) naming the archive.',
    references: ['hadolint:DL3010'],
    fix: { available: false, note: 'Replacing COPY and the extracting RUN changes the layers and where the files land; that is the owner\'s edit.' },
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      const archives: { name: string; at: { start: number; end: number } }[] = [];
      const reported = new Set<string>();
      for (const i of stage.instructions) {
        if (i.keyword === 'COPY' && !i.flags.some((f) => f.name === 'from') && i.args.length >= 2) {
          const target = i.args[i.args.length - 1].value;
          const names = ARCHIVE.test(base(target)) ? [base(target)] : i.args.slice(0, -1).map((a) => base(a.value)).filter((n) => ARCHIVE.test(n));
          for (const name of names) archives.push({ name, at: { start: i.start, end: i.keywordEnd } });
        } else if (i.keyword === 'RUN' && i.shell) {
          for (const c of i.shell.commands) {
            const args = c.args.map((w) => w.value);
            const extracts = (c.name === 'tar' && args.some((a) => a === '--extract' || a === '--get' || (/^-[A-Za-z]*x/.test(a) && !a.startsWith('--')))) || UNPACKERS.has(c.name);
            if (!extracts) continue;
            const operands = new Set(args.filter((a) => !a.startsWith('-')).map(base));
            for (const a of archives) {
              if (!operands.has(a.name) || reported.has(`${a.at.start}:${a.name}`)) continue;
              reported.add(`${a.at.start}:${a.name}`);
              ctx.report({ at: a.at, message: `COPY of ${a.name} is extracted by a later RUN (${c.name}); ADD extracts a local archive in one layer` });
            }
          }
        }
      }
    }
  },
});
