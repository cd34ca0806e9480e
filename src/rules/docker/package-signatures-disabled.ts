import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { runCommands } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/package-signatures-disabled',
    title: 'Package signature checks disabled',
    severity: 'high',
    target: 'dockerfile',
    catalog: ['D05'],
    description: 'Options such as `apk --allow-untrusted`, `apt-get --allow-unauthenticated`/`--force-yes`, `yum --nogpgcheck` or `rpm --nosignature` install packages whose origin nobody checked.',
    remediation: 'Remove the option and import the repository\'s signing key instead.',
    references: ['checkov:CKV2_DOCKER_7', 'checkov:CKV2_DOCKER_8', 'checkov:CKV2_DOCKER_9', 'checkov:CKV2_DOCKER_10', 'checkov:CKV2_DOCKER_11'],
    decisions: 'Each option cites the Checkov check of that option: CKV2_DOCKER_7 apk --allow-untrusted, _8 apt-get --allow-unauthenticated, _11 apt-get --force-yes, _9 yum/dnf/tdnf --nogpgcheck, _10 rpm --nodigest/--nosignature/--noverify/--nofiledigest. The other spellings riskgate reads (`--allow-insecure-repositories`, `-oAPT::Get::AllowUnauthenticated=true`, zypper `--no-gpg-checks`, `--setopt=gpgcheck=0`, microdnf) cite none.',
    conditions: [
      { id: 'apk', when: 'apk --allow-untrusted', references: ['checkov:CKV2_DOCKER_7'] },
      { id: 'apt-unauthenticated', when: 'apt-get --allow-unauthenticated', references: ['checkov:CKV2_DOCKER_8'] },
      { id: 'apt-force-yes', when: 'apt-get --force-yes', references: ['checkov:CKV2_DOCKER_11'] },
      { id: 'nogpgcheck', when: 'yum, dnf or tdnf --nogpgcheck', references: ['checkov:CKV2_DOCKER_9'] },
      { id: 'rpm', when: 'rpm --nodigest, --nosignature, --noverify or --nofiledigest', references: ['checkov:CKV2_DOCKER_10'] },
      { id: 'other', when: 'the other spellings', references: [] },
    ],
    fix: { available: false, note: 'The signing key must be imported.' },
  },
  check(ctx) {
    for (const { cmd } of runCommands(ctx.model)) {
      const bad =
        cmd.name === 'apk' ? /^--allow-untrusted$/ :
        cmd.name === 'apt-get' || cmd.name === 'apt' ? /^(--allow-unauthenticated|--force-yes|--allow-insecure-repositories|-oAPT::Get::AllowUnauthenticated=true)$/i :
        /^(yum|dnf|microdnf|tdnf|zypper)$/.test(cmd.name) ? /^(--nogpgcheck|--no-gpg-checks|--setopt=gpgcheck=0)$/ :
        cmd.name === 'rpm' ? /^(--nodigest|--nosignature|--noverify|--nofiledigest)$/ : null;
      if (!bad) continue;
      for (const w of cmd.args) if (bad.test(w.value)) ctx.report({ at: w, condition: conditionOf(cmd.name, w.value), message: `${cmd.name} ${w.value} installs packages without verifying their signatures` });
    }
  },
});

function conditionOf(tool: string, option: string): string {
  if (tool === 'apk') return 'apk';
  if (tool === 'apt-get' && option === '--allow-unauthenticated') return 'apt-unauthenticated';
  if (tool === 'apt-get' && option === '--force-yes') return 'apt-force-yes';
  if (/^(yum|dnf|tdnf)$/.test(tool) && option === '--nogpgcheck') return 'nogpgcheck';
  if (tool === 'rpm') return 'rpm';
  return 'other';
}
