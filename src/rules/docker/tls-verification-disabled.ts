import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { declaredVars } from '../../core/docker/model.js';
import { allInstructions, runCommands, subcommand } from './helpers.js';
import type { Word } from '../../core/docker/shell.js';

const ENV_OFF: [RegExp, RegExp, string][] = [
  [/^PYTHONHTTPSVERIFY$/i, /^0$/, 'PYTHONHTTPSVERIFY=0'],
  [/^NODE_TLS_REJECT_UNAUTHORIZED$/i, /^0$/, 'NODE_TLS_REJECT_UNAUTHORIZED=0'],
  [/^NPM_CONFIG_STRICT_SSL$/i, /^false$/i, 'NPM_CONFIG_STRICT_SSL=false'],
  [/^GIT_SSL_NO_VERIFY$/i, /^(1|true|yes)$/i, 'GIT_SSL_NO_VERIFY'],
  [/^PIP_TRUSTED_HOST$/i, /./, 'PIP_TRUSTED_HOST'],
  [/^CURL_CA_BUNDLE$/i, /^$/, 'CURL_CA_BUNDLE=""'],
];

/** Removes an option word (and the space before it), or one letter from a bundle such as `-fsSLk`. */
function dropOption(text: string, w: Word, letter: string | null) {
  const raw = text.slice(w.start, w.end);
  if (raw !== w.value) return undefined; // quoted or escaped: leave it to a person
  if (letter && /^-[a-zA-Z]{2,}$/.test(raw)) {
    const i = raw.indexOf(letter);
    return { description: `Remove -${letter}`, edits: [{ start: w.start + i, end: w.start + i + 1, text: '' }] };
  }
  let start = w.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { description: `Remove ${raw}`, edits: [{ start, end: w.end, text: '' }] };
}

export default defineDockerfileRule({
  meta: {
    id: 'docker/tls-verification-disabled',
    title: 'TLS certificate verification disabled',
    severity: 'high',
    target: 'dockerfile',
    catalog: ['D04'],
    description:
      'Turning off certificate checks (`curl -k`, `wget --no-check-certificate`, `pip --trusted-host`, `npm config set strict-ssl false`, `git -c http.sslVerify=false`, ' +
      '`NODE_TLS_REJECT_UNAUTHORIZED=0`, yum `sslverify=false`, …) lets anyone on the network path replace what the build downloads.',
    remediation: 'Remove the option. If a corporate proxy re-signs TLS, add its CA certificate to the image trust store instead.',
    references: [
      'checkov:CKV2_DOCKER_2', 'checkov:CKV2_DOCKER_3', 'checkov:CKV2_DOCKER_4', 'checkov:CKV2_DOCKER_5', 'checkov:CKV2_DOCKER_6', 'checkov:CKV2_DOCKER_12',
      'checkov:CKV2_DOCKER_13', 'checkov:CKV2_DOCKER_14', 'checkov:CKV2_DOCKER_15', 'checkov:CKV2_DOCKER_16',
    ],
    fix: { available: true, note: 'Removes `-k`/`--insecure` from curl and `--no-check-certificate` from wget; the other forms need a CA certificate instead.', unsafe: true },
  },
  check(ctx) {
    for (const { cmd } of runCommands(ctx.model)) {
      const flag = (pred: (v: string) => boolean) => cmd.args.find((w) => pred(w.value));
      let hit;
      if (cmd.name === 'curl' && (hit = flag((v) => v === '--insecure' || /^-[a-zA-Z]*k[a-zA-Z]*$/.test(v)))) ctx.report({ at: hit, message: `curl ${hit.value} disables certificate verification`, fix: dropOption(ctx.model.file.text, hit, 'k') });
      else if (cmd.name === 'wget' && (hit = flag((v) => v === '--no-check-certificate'))) ctx.report({ at: hit, message: 'wget --no-check-certificate disables certificate verification', fix: dropOption(ctx.model.file.text, hit, null) });
      else if (/^pip\d?$/.test(cmd.name) && (hit = flag((v) => v.startsWith('--trusted-host')))) ctx.report({ at: hit, message: 'pip --trusted-host accepts that host without TLS verification' });
      else if ((cmd.name === 'npm' || cmd.name === 'yarn' || cmd.name === 'pnpm') && /strict-ssl\s+false|strict-ssl=false/i.test(cmd.args.map((w) => w.value).join(' '))) ctx.report({ at: cmd.words[0], message: `${cmd.name} is configured with strict-ssl false` });
      else if (cmd.name === 'git' && (hit = flag((v) => /http\.sslverify\s*=?\s*false/i.test(v)))) ctx.report({ at: hit, message: 'git is configured with http.sslVerify=false' });
      else if (cmd.name === 'git' && subcommand(cmd)?.sub.value === 'config' && /http\.sslverify\s+false/i.test(cmd.args.map((w) => w.value).join(' '))) ctx.report({ at: cmd.words[0], message: 'git is configured with http.sslVerify false' });
      else if (/^(yum|dnf|microdnf|tdnf|yum-config-manager|dnf-config-manager)$/.test(cmd.name) && (hit = flag((v) => /sslverify\s*=\s*(0|false|no)/i.test(v)))) ctx.report({ at: hit, message: `${cmd.name} runs with sslverify disabled` });
      else if ((cmd.name === 'echo' || cmd.name === 'printf') && (hit = flag((v) => /sslverify\s*=\s*(0|false|no)|strict-ssl\s*=?\s*false|check_certificate\s*=\s*off|^insecure$/i.test(v)))) ctx.report({ at: hit, message: `writes a configuration that disables TLS verification (${hit.value.trim().slice(0, 40)})` });
    }
    for (const i of allInstructions(ctx.model)) {
      if (i.keyword !== 'ENV' && i.keyword !== 'ARG') continue;
      for (const [name, value] of declaredVars(i)) {
        const hit = ENV_OFF.find(([n, v]) => n.test(name) && value !== null && v.test(value));
        if (hit) ctx.report({ at: i.args.find((a) => a.value.startsWith(name)) ?? i.args[0], message: `${i.keyword} ${hit[2]} disables TLS verification` });
      }
    }
  },
});
