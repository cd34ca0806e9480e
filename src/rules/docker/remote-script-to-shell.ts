import { allInstructions } from './helpers.js';
import { defineDockerfileRule } from '../../core/docker/analyze.js';
import type { ShellCommand } from '../../core/docker/shell.js';

const DOWNLOADERS = new Set(['curl', 'wget', 'fetch', 'http', 'iwr']);
const INTERPRETERS = /^(sh|bash|ash|dash|zsh|ksh|python[\d.]*|perl|ruby|node|php)$/;

export default defineDockerfileRule({
  meta: {
    id: 'docker/remote-script-to-shell',
    title: 'Downloaded script run without verification',
    severity: 'high',
    target: 'dockerfile',
    catalog: [],
    description:
      '`curl … | sh`, `bash -c "$(curl …)"`, and `curl -o i.sh … && sh i.sh` all run whatever the server returns at build time, with the build\'s privileges, unreviewed and unpinned: a compromised or spoofed server owns the image. ' +
      'No checksum or signature is checked, and the script can differ between two builds of the same commit.',
    remediation: 'Download the script (or the release artifact) to a file, verify its checksum (`echo "<sha256>  install.sh" | sha256sum -c -`), then run it; better, install a pinned package.',
    decisions: 'Not in the peers\' catalog; MITRE ATT&CK for Containers lists it under supply-chain compromise, and it is the most direct remote-code path in a Dockerfile, so riskgate checks it and the risk model weighs it.',
    references: [],
    fix: { available: false, note: 'The expected checksum must come from the publisher.' },
  },
  check(ctx) {
    for (const i of allInstructions(ctx.model)) {
      const sh = i.shell;
      if (i.keyword !== 'RUN' || !sh) continue;
      for (const pipe of sh.pipes) {
        const left = [...sh.commands].reverse().find((c) => c.end <= pipe);
        const right = sh.commands.find((c) => c.start >= pipe);
        if (!left || !right) continue;
        const target = right.name === 'sudo' || right.name === 'env' ? sh.commands.find((c) => c.start > right.start && c.via === right.name) ?? right : right;
        if (DOWNLOADERS.has(left.name) && INTERPRETERS.test(target.name)) ctx.report({ at: { start: left.start, end: right.end }, message: `RUN pipes a download (${left.name}) straight into ${target.name}` });
      }
      // `bash -c "$(curl …)"`, `eval "$(wget -qO- …)"`, `bash <(curl …)`: the download is the script.
      for (const c of sh.commands) {
        if (!INTERPRETERS.test(c.name) && !EVALUATORS.has(c.name)) continue;
        const download = sh.commands.find((d) => DOWNLOADERS.has(d.name) && c.args.some((a) => a.dynamic && d.start >= a.start && d.end <= a.end));
        if (download) ctx.report({ at: { start: c.start, end: c.end }, message: `RUN runs the output of a download (${download.name}) with ${c.name}` });
      }
      // Download to a file, then run that file, with no checksum or signature check in between.
      for (const d of sh.commands) {
        const file = downloadedFile(d);
        if (!file) continue;
        const run = sh.commands.find((c) => c.start > d.end && runsFile(c, file));
        if (!run) continue;
        const verified = sh.commands.some((c) => c.start > d.end && c.start < run.start && VERIFIERS.test(c.name));
        if (!verified) ctx.report({ at: { start: d.start, end: run.end }, message: `RUN downloads ${file} (${d.name}) and runs it (${run.name}) without verifying a checksum or signature` });
      }
    }
  },
});

/** Commands that run a script given as an argument string. */
const EVALUATORS = new Set(['eval', 'source', '.']);
/** Commands that verify what was downloaded. */
const VERIFIERS = /^(sha\d*sum|shasum|md5sum|b2sum|cksum|gpg|gpgv|cosign|minisign|openssl|slsa-verifier|sigstore)$/;

const base = (p: string) => p.replace(/\/+$/, '').split('/').pop() ?? p;

/** The file a downloader writes, as curl and wget read their options; null for standard output. */
function downloadedFile(c: ShellCommand): string | null {
  const args = c.args.map((a) => a.value);
  const url = args.find((a) => /^[a-z][a-z0-9+.-]*:\/\//i.test(a));
  if (c.name === 'curl') {
    for (let k = 0; k < args.length; k++) {
      const a = args[k];
      if (a === '-o' || a === '--output') return args[k + 1] && args[k + 1] !== '-' ? args[k + 1] : null;
      if (/^--output=/.test(a)) return a.slice(9) === '-' ? null : a.slice(9);
      // Short options bundle: -fsSLo FILE, -oFILE.
      const m = /^-([a-zA-Z]*)o(.*)$/.exec(a);
      if (m && !a.startsWith('--')) return m[2] ? m[2] : args[k + 1] && args[k + 1] !== '-' ? args[k + 1] : null;
      if (/^-[a-zA-Z]*O[a-zA-Z]*$/.test(a) || a === '--remote-name') return url ? base(url.split(/[?#]/)[0]) : null;
    }
    return null;
  }
  if (c.name === 'wget') {
    for (let k = 0; k < args.length; k++) {
      const a = args[k];
      if (a === '-O' || a === '--output-document') return args[k + 1] && args[k + 1] !== '-' ? args[k + 1] : null;
      if (/^--output-document=/.test(a)) return a.slice(18) === '-' ? null : a.slice(18);
      const m = /^-([a-zA-Z]*)O(.*)$/.exec(a);
      if (m && !a.startsWith('--')) return (m[2] || args[k + 1]) && (m[2] || args[k + 1]) !== '-' ? m[2] || args[k + 1] : null;
    }
    return url ? base(url.split(/[?#]/)[0]) : null;
  }
  return null;
}

/** Whether a command runs `file`: `sh file`, `bash /tmp/file`, `./file`, `/tmp/file`. */
function runsFile(c: ShellCommand, file: string): boolean {
  if (c.name === base(file) && c.via === null) return true;
  if (!INTERPRETERS.test(c.name)) return false;
  const script = c.args.find((a) => !a.value.startsWith('-'));
  return script !== undefined && (script.value === file || base(script.value) === base(file));
}
