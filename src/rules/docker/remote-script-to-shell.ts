import { defineDockerfileRule } from '../../core/docker/analyze.js';

const DOWNLOADERS = new Set(['curl', 'wget', 'fetch', 'http', 'iwr']);
const INTERPRETERS = /^(sh|bash|ash|dash|zsh|ksh|python[\d.]*|perl|ruby|node|php)$/;

export default defineDockerfileRule({
  meta: {
    id: 'docker/remote-script-to-shell',
    title: 'Downloaded script piped into a shell',
    severity: 'high',
    target: 'dockerfile',
    catalog: [],
    description:
      '`curl … | sh` runs whatever the server returns at build time, with the build\'s privileges, unreviewed and unpinned: a compromised or spoofed server owns the image. ' +
      'No checksum or signature is checked, and the script can differ between two builds of the same commit.',
    remediation: 'Download the script (or the release artifact) to a file, verify its checksum (`echo "<sha256>  install.sh" | sha256sum -c -`), then run it; better, install a pinned package.',
    decisions: 'Not in the peers\' catalog; MITRE ATT&CK for Containers lists it under supply-chain compromise, and it is the most direct remote-code path in a Dockerfile, so riskgate checks it and the risk model weighs it.',
    references: [],
    fix: { available: false, note: 'The expected checksum must come from the publisher.' },
  },
  check(ctx) {
    for (const i of ctx.model.instructions) {
      const sh = i.shell;
      if (i.keyword !== 'RUN' || !sh || !sh.pipes.length) continue;
      for (const pipe of sh.pipes) {
        const left = [...sh.commands].reverse().find((c) => c.end <= pipe);
        const right = sh.commands.find((c) => c.start >= pipe);
        if (!left || !right) continue;
        const target = right.name === 'sudo' || right.name === 'env' ? sh.commands.find((c) => c.start > right.start && c.via === right.name) ?? right : right;
        if (DOWNLOADERS.has(left.name) && INTERPRETERS.test(target.name)) ctx.report({ at: { start: left.start, end: right.end }, message: `RUN pipes a download (${left.name}) straight into ${target.name}` });
      }
    }
  },
});
