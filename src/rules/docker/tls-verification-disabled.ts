import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { declaredVars } from '../../core/docker/model.js';
import { allInstructions, runCommands, subcommand } from './helpers.js';
import type { Word } from '../../core/docker/shell.js';

/** Variable, value that disables verification, how to say it, and the condition (the Checkov check of that variable). */
const ENV_OFF: [RegExp, RegExp, string, string][] = [
  [/^PYTHONHTTPSVERIFY$/i, /^0$/, 'PYTHONHTTPSVERIFY=0', 'env-python'],
  [/^NODE_TLS_REJECT_UNAUTHORIZED$/i, /^0$/, 'NODE_TLS_REJECT_UNAUTHORIZED=0', 'env-node'],
  [/^NPM_CONFIG_STRICT_SSL$/i, /^false$/i, 'NPM_CONFIG_STRICT_SSL=false', 'env-npm'],
  [/^GIT_SSL_NO_VERIFY$/i, /^(1|true|yes)$/i, 'GIT_SSL_NO_VERIFY', 'env-git'],
  [/^PIP_TRUSTED_HOST$/i, /./, 'PIP_TRUSTED_HOST', 'env-pip'],
  [/^CURL_CA_BUNDLE$/i, /^$/, 'CURL_CA_BUNDLE=""', 'other'],
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
    decisions: 'Each form cites the Checkov check of that form (CKV2_DOCKER_2 curl, _3 wget, _4 pip --trusted-host, _16 PIP_TRUSTED_HOST, _5 PYTHONHTTPSVERIFY, _6 NODE_TLS_REJECT_UNAUTHORIZED, _12 NPM_CONFIG_STRICT_SSL, _13 npm/yarn strict-ssl, _14 GIT_SSL_NO_VERIFY, _15 yum/dnf sslverify); `git -c http.sslVerify=false`, configuration written with echo, and an empty CURL_CA_BUNDLE have no peer check and cite none.',
    conditions: [
      { id: 'curl', when: 'curl -k or --insecure', references: ['checkov:CKV2_DOCKER_2'] },
      { id: 'wget', when: 'wget --no-check-certificate', references: ['checkov:CKV2_DOCKER_3'] },
      { id: 'pip', when: 'pip --trusted-host', references: ['checkov:CKV2_DOCKER_4'] },
      { id: 'env-pip', when: 'PIP_TRUSTED_HOST set', references: ['checkov:CKV2_DOCKER_16'] },
      { id: 'env-python', when: 'PYTHONHTTPSVERIFY=0', references: ['checkov:CKV2_DOCKER_5'] },
      { id: 'env-node', when: 'NODE_TLS_REJECT_UNAUTHORIZED=0', references: ['checkov:CKV2_DOCKER_6'] },
      { id: 'env-npm', when: 'NPM_CONFIG_STRICT_SSL=false', references: ['checkov:CKV2_DOCKER_12'] },
      { id: 'npm', when: 'npm, yarn or pnpm configured with strict-ssl false', references: ['checkov:CKV2_DOCKER_13'] },
      { id: 'env-git', when: 'GIT_SSL_NO_VERIFY set', references: ['checkov:CKV2_DOCKER_14'] },
      { id: 'yum', when: 'yum or dnf with sslverify disabled', references: ['checkov:CKV2_DOCKER_15'] },
      { id: 'other', when: 'git -c http.sslVerify=false, a configuration written with echo, an empty CURL_CA_BUNDLE', references: [] },
    ],
    fix: { available: true, note: 'Removes `-k`/`--insecure` from curl and `--no-check-certificate` from wget; the other forms need a CA certificate instead.', unsafe: true },
  },
  check(ctx) {
    for (const { cmd } of runCommands(ctx.model)) {
      const flag = (pred: (v: string) => boolean) => cmd.args.find((w) => pred(w.value));
      let hit;
      if (cmd.name === 'curl' && (hit = flag((v) => v === '--insecure' || /^-[a-zA-Z]*k[a-zA-Z]*$/.test(v)))) ctx.report({ at: hit, condition: 'curl', message: `curl ${hit.value} disables certificate verification`, fix: dropOption(ctx.model.file.text, hit, 'k') });
      else if (cmd.name === 'wget' && (hit = flag((v) => v === '--no-check-certificate'))) ctx.report({ at: hit, condition: 'wget', message: 'wget --no-check-certificate disables certificate verification', fix: dropOption(ctx.model.file.text, hit, null) });
      else if (/^pip\d?$/.test(cmd.name) && (hit = flag((v) => v.startsWith('--trusted-host')))) ctx.report({ at: hit, condition: 'pip', message: 'pip --trusted-host accepts that host without TLS verification' });
      else if ((cmd.name === 'npm' || cmd.name === 'yarn' || cmd.name === 'pnpm') && /strict-ssl\s+false|strict-ssl=false/i.test(cmd.args.map((w) => w.value).join(' '))) ctx.report({ at: cmd.words[0], condition: 'npm', message: `${cmd.name} is configured with strict-ssl false` });
      else if (cmd.name === 'git' && (hit = flag((v) => /http\.sslverify\s*=?\s*false/i.test(v)))) ctx.report({ at: hit, condition: 'other', message: 'git is configured with http.sslVerify=false' });
      else if (cmd.name === 'git' && subcommand(cmd)?.sub.value === 'config' && /http\.sslverify\s+false/i.test(cmd.args.map((w) => w.value).join(' '))) ctx.report({ at: cmd.words[0], condition: 'other', message: 'git is configured with http.sslVerify false' });
      else if (/^(yum|dnf|microdnf|tdnf|yum-config-manager|dnf-config-manager)$/.test(cmd.name) && (hit = flag((v) => /sslverify\s*=\s*(0|false|no)/i.test(v)))) ctx.report({ at: hit, condition: /^(yum|dnf)$/.test(cmd.name) ? 'yum' : 'other', message: `${cmd.name} runs with sslverify disabled` });
      else if ((cmd.name === 'echo' || cmd.name === 'printf') && (hit = flag((v) => /sslverify\s*=\s*(0|false|no)|strict-ssl\s*=?\s*false|check_certificate\s*=\s*off|^insecure$/i.test(v)))) ctx.report({ at: hit, condition: 'other', message: `writes a configuration that disables TLS verification (${hit.value.trim().slice(0, 40)})` });
    }
    for (const i of allInstructions(ctx.model)) {
      if (i.keyword !== 'ENV' && i.keyword !== 'ARG') continue;
      for (const [name, value] of declaredVars(i)) {
        const hit = ENV_OFF.find(([n, v]) => n.test(name) && value !== null && v.test(value));
        if (hit) ctx.report({ at: i.args.find((a) => a.value.startsWith(name)) ?? i.args[0], condition: hit[3], message: `${i.keyword} ${hit[2]} disables TLS verification` });
      }
    }
  },
});
