// Every Kubernetes rule, alphabetically. A test checks that no rule module is left out.

import addedCapabilities from './added-capabilities.js';
import apparmor from './apparmor.js';
import bindingBroadGroup from './binding-broad-group.js';
import capSysAdmin from './cap-sys-admin.js';
import capabilitiesNotDropped from './capabilities-not-dropped.js';
import cloudCredentialsMount from './cloud-credentials-mount.js';
import clusterAdminBinding from './cluster-admin-binding.js';
import containerRuntimeSocket from './container-runtime-socket.js';
import dangerousCapabilities from './dangerous-capabilities.js';
import danglingNetworkPolicy from './dangling-network-policy.js';
import danglingService from './dangling-service.js';
import defaultNamespace from './default-namespace.js';
import namespacePodSecurity from './namespace-pod-security.js';
import deprecatedApi from './deprecated-api.js';
import duplicateKey from './duplicate-key.js';
import endpointsliceLoopback from './endpointslice-loopback.js';
import hardcodedSecretEnv from './hardcoded-secret-env.js';
import hostAliases from './host-aliases.js';
import hostIpc from './host-ipc.js';
import hostNetwork from './host-network.js';
import hostPathVolume from './host-path-volume.js';
import hostPid from './host-pid.js';
import hostPort from './host-port.js';
import hostUsers from './host-users.js';
import imageDigest from './image-digest.js';
import imagePullPolicy from './image-pull-policy.js';
import imageTag from './image-tag.js';
import ingressNginxAnnotationInjection from './ingress-nginx-annotation-injection.js';
import ingressNginxSnippet from './ingress-nginx-snippet.js';
import ingressTls from './ingress-tls.js';
import ingressWildcardHost from './ingress-wildcard-host.js';
import internetFacingWorkload from './internet-facing-workload.js';
import invalidValue from './invalid-value.js';
import kubeSystemWorkload from './kube-system-workload.js';
import kubernetesDashboard from './kubernetes-dashboard.js';
import lowUidGid from './low-uid-gid.js';
import missingSecurityContext from './missing-security-context.js';
import nakedPod from './naked-pod.js';
import namespaceLimits from './namespace-limits.js';
import netRaw from './net-raw.js';
import nonIsolatedPod from './non-isolated-pod.js';
import privilegeEscalation from './privilege-escalation.js';
import privilegedContainer from './privileged-container.js';
import privilegedPort from './privileged-port.js';
import rbacAdmissionWebhooks from './rbac-admission-webhooks.js';
import rbacAntiForensics from './rbac-anti-forensics.js';
import rbacCarriedByWorkload from './rbac-carried-by-workload.js';
import rbacConfigmapTampering from './rbac-configmap-tampering.js';
import rbacCreatePods from './rbac-create-pods.js';
import rbacEscalate from './rbac-escalate.js';
import rbacEscalationPaths from './rbac-escalation-paths.js';
import rbacExecAttach from './rbac-exec-attach.js';
import rbacManageNetworking from './rbac-manage-networking.js';
import rbacNodesProxy from './rbac-nodes-proxy.js';
import rbacReadSecrets from './rbac-read-secrets.js';
import rbacWildcard from './rbac-wildcard.js';
import resources from './resources.js';
import riskyVolumeTypes from './risky-volume-types.js';
import rootGroup from './root-group.js';
import runAsNonRoot from './run-as-non-root.js';
import runAsUidZero from './run-as-uid-0.js';
import seccompProfile from './seccomp-profile.js';
import secretInConfigmap from './secret-in-configmap.js';
import secretInEnv from './secret-in-env.js';
import selinuxOptions from './selinux-options.js';
import sensitiveHostPath from './sensitive-host-path.js';
import serviceAccount from './service-account.js';
import serviceAccountToken from './service-account-token.js';
import serviceExposure from './service-exposure.js';
import serviceExternalIps from './service-external-ips.js';
import sshPort from './ssh-port.js';
import sudoInCommand from './sudo-in-command.js';
import tiller from './tiller.js';
import unknownField from './unknown-field.js';
import unmaskedProcMount from './unmasked-proc-mount.js';
import unsafeSysctls from './unsafe-sysctls.js';
import untrustedRegistry from './untrusted-registry.js';
import windowsHostProcess from './windows-host-process.js';
import workloadMountedSecret from './workload-mounted-secret.js';
import workloadTokenPowers from './workload-token-powers.js';
import writableHostPath from './writable-host-path.js';
import writableOsDirectoryMount from './writable-os-directory-mount.js';
import writableRootFilesystem from './writable-root-filesystem.js';

export const KUBERNETES_RULES = [
  addedCapabilities,
  apparmor,
  bindingBroadGroup,
  capSysAdmin,
  capabilitiesNotDropped,
  cloudCredentialsMount,
  clusterAdminBinding,
  containerRuntimeSocket,
  dangerousCapabilities,
  danglingNetworkPolicy,
  danglingService,
  defaultNamespace,
  namespacePodSecurity,
  deprecatedApi,
  duplicateKey,
  endpointsliceLoopback,
  hardcodedSecretEnv,
  hostAliases,
  hostIpc,
  hostNetwork,
  hostPathVolume,
  hostPid,
  hostPort,
  hostUsers,
  imageDigest,
  imagePullPolicy,
  imageTag,
  ingressNginxAnnotationInjection,
  ingressNginxSnippet,
  ingressTls,
  ingressWildcardHost,
  internetFacingWorkload,
  invalidValue,
  kubeSystemWorkload,
  kubernetesDashboard,
  lowUidGid,
  missingSecurityContext,
  nakedPod,
  namespaceLimits,
  netRaw,
  nonIsolatedPod,
  privilegeEscalation,
  privilegedContainer,
  privilegedPort,
  rbacAdmissionWebhooks,
  rbacAntiForensics,
  rbacCarriedByWorkload,
  rbacConfigmapTampering,
  rbacCreatePods,
  rbacEscalate,
  rbacEscalationPaths,
  rbacExecAttach,
  rbacManageNetworking,
  rbacNodesProxy,
  rbacReadSecrets,
  rbacWildcard,
  resources,
  riskyVolumeTypes,
  rootGroup,
  runAsNonRoot,
  runAsUidZero,
  seccompProfile,
  secretInConfigmap,
  secretInEnv,
  selinuxOptions,
  sensitiveHostPath,
  serviceAccount,
  serviceAccountToken,
  serviceExposure,
  serviceExternalIps,
  sshPort,
  sudoInCommand,
  tiller,
  unknownField,
  unmaskedProcMount,
  unsafeSysctls,
  untrustedRegistry,
  windowsHostProcess,
  workloadMountedSecret,
  workloadTokenPowers,
  writableHostPath,
  writableOsDirectoryMount,
  writableRootFilesystem,
];
