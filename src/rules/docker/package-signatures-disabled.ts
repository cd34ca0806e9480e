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
      for (const w of cmd.args) if (bad.test(w.value)) ctx.report({ at: w, message: `${cmd.name} ${w.value} installs packages without verifying their signatures` });
    }
  },
});
