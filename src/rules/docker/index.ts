// Every Dockerfile rule, alphabetically. A test checks that no rule module is left out.

import addInsteadOfCopy from './add-instead-of-copy.js';
import apt from './apt.js';
import baseImageUnpinned from './base-image-unpinned.js';
import chownFlag from './chown-flag.js';
import chpasswd from './chpasswd.js';
import consecutiveCopy from './consecutive-copy.js';
import consecutiveRun from './consecutive-run.js';
import copyFromSelf from './copy-from-self.js';
import copyThenExtract from './copy-then-extract.js';
import copyFromUndefined from './copy-from-undefined.js';
import copyMultipleSourcesSlash from './copy-multiple-sources-slash.js';
import copyRelativeDest from './copy-relative-dest.js';
import copyWholeStage from './copy-whole-stage.js';
import deniedPackages from './denied-packages.js';
import duplicateStageAlias from './duplicate-stage-alias.js';
import envSelfReference from './env-self-reference.js';
import execForm from './exec-form.js';
import exposePortRange from './expose-port-range.js';
import exposeSsh from './expose-ssh.js';
import fromPlatform from './from-platform.js';
import healthcheckMissing from './healthcheck-missing.js';
import instructionOrder from './instruction-order.js';
import interactiveTools from './interactive-tools.js';
import languagePackagesUnpinned from './language-packages-unpinned.js';
import maintainer from './maintainer.js';
import multipleCmd from './multiple-cmd.js';
import multipleEntrypoint from './multiple-entrypoint.js';
import multipleHealthcheck from './multiple-healthcheck.js';
import noInstallRecommends from './no-install-recommends.js';
import nonInteractiveInstall from './non-interactive-install.js';
import nonNumericUser from './non-numeric-user.js';
import onbuildChaining from './onbuild-chaining.js';
import osPackagesUnpinned from './os-packages-unpinned.js';
import packageCache from './package-cache.js';
import packageSignaturesDisabled from './package-signatures-disabled.js';
import pipefail from './pipefail.js';
import remoteScriptToShell from './remote-script-to-shell.js';
import reservedStageName from './reserved-stage-name.js';
import rootUser from './root-user.js';
import runCd from './run-cd.js';
import secretsInBuild from './secrets-in-build.js';
import shellViaRun from './shell-via-run.js';
import sudo from './sudo.js';
import tlsVerificationDisabled from './tls-verification-disabled.js';
import untrustedBaseRegistry from './untrusted-base-registry.js';
import updateWithoutInstall from './update-without-install.js';
import upgradeInBuild from './upgrade-in-build.js';
import useraddHighUid from './useradd-high-uid.js';
import wgetAndCurl from './wget-and-curl.js';
import wgetProgress from './wget-progress.js';
import workdirRelative from './workdir-relative.js';
import workdirSystemDir from './workdir-system-dir.js';

export const DOCKERFILE_RULES = [
  addInsteadOfCopy,
  apt,
  baseImageUnpinned,
  chownFlag,
  chpasswd,
  consecutiveCopy,
  consecutiveRun,
  copyFromSelf,
  copyThenExtract,
  copyFromUndefined,
  copyMultipleSourcesSlash,
  copyRelativeDest,
  copyWholeStage,
  deniedPackages,
  duplicateStageAlias,
  envSelfReference,
  execForm,
  exposePortRange,
  exposeSsh,
  fromPlatform,
  healthcheckMissing,
  instructionOrder,
  interactiveTools,
  languagePackagesUnpinned,
  maintainer,
  multipleCmd,
  multipleEntrypoint,
  multipleHealthcheck,
  noInstallRecommends,
  nonInteractiveInstall,
  nonNumericUser,
  onbuildChaining,
  osPackagesUnpinned,
  packageCache,
  packageSignaturesDisabled,
  pipefail,
  remoteScriptToShell,
  reservedStageName,
  rootUser,
  runCd,
  secretsInBuild,
  shellViaRun,
  sudo,
  tlsVerificationDisabled,
  untrustedBaseRegistry,
  updateWithoutInstall,
  upgradeInBuild,
  useraddHighUid,
  wgetAndCurl,
  wgetProgress,
  workdirRelative,
  workdirSystemDir,
];
