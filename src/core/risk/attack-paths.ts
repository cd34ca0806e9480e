// The attack paths a resource's findings open, in the vocabulary of MITRE ATT&CK for Containers
// (technique IDs) and Microsoft's Threat Matrix for Kubernetes (technique names): what a high
// score means, told as the routes an attacker would take. A finding opens a path when its rule is
// listed for it; a rule can open several. Rules about hygiene (resource limits, namespaces, API
// versions, Dockerfile style) open none: they still count for the score through their severity.
//
// A central table rather than rule metadata: the paths are the risk model's vocabulary (training
// labels and features read them too), and one table keeps them consistent; a test checks that
// every rule named here exists.

import { severityRank, type AttackStep, type Finding } from '../types.js';
import { append } from '../util/append.js';

export interface AttackPath {
  id: string;
  name: string;
  /** MITRE ATT&CK for Containers techniques, with the Threat Matrix for Kubernetes name where it has one. */
  techniques: { id: string; name: string }[];
  rules: string[];
}

export const ATTACK_PATHS: AttackPath[] = [
  {
    id: 'container-escape',
    name: 'Container escape to the node',
    techniques: [
      { id: 'T1611', name: 'Escape to Host (Threat Matrix: Privileged container, Writable hostPath mount)' },
      { id: 'T1068', name: 'Exploitation for Privilege Escalation' },
    ],
    rules: [
      'k8s/privileged-container', 'k8s/cap-sys-admin', 'k8s/dangerous-capabilities', 'k8s/added-capabilities', 'k8s/host-pid', 'k8s/host-ipc',
      'k8s/container-runtime-socket', 'k8s/sensitive-host-path', 'k8s/host-path-volume', 'k8s/writable-host-path', 'k8s/unmasked-proc-mount',
      'k8s/unsafe-sysctls', 'k8s/windows-host-process', 'k8s/apparmor', 'k8s/selinux-options', 'k8s/seccomp-profile', 'k8s/privilege-escalation',
      'k8s/run-as-uid-0', 'k8s/run-as-non-root', 'k8s/host-users', 'k8s/risky-volume-types', 'k8s/sudo-in-command', 'k8s/root-group',
      'docker/root-user', 'docker/sudo',
    ],
  },
  {
    id: 'node-takeover',
    name: 'Node takeover',
    techniques: [
      { id: 'T1609', name: 'Container Administration Command (Threat Matrix: Exec into container, kubelet API)' },
      { id: 'T1610', name: 'Deploy Container' },
      { id: 'T1612', name: 'Build Image on Host' },
    ],
    rules: ['k8s/container-runtime-socket', 'k8s/writable-host-path', 'k8s/sensitive-host-path', 'k8s/rbac-nodes-proxy', 'k8s/windows-host-process', 'k8s/kube-system-workload', 'k8s/privileged-container', 'k8s/host-pid'],
  },
  {
    id: 'credential-theft',
    name: 'Credential theft (Secrets, tokens, cloud credentials)',
    techniques: [
      { id: 'T1552.001', name: 'Credentials In Files (Threat Matrix: Application credentials in configuration files)' },
      { id: 'T1552.007', name: 'Container API (Threat Matrix: List Kubernetes secrets)' },
      { id: 'T1528', name: 'Steal Application Access Token (Threat Matrix: Access container service account)' },
      { id: 'T1552.005', name: 'Cloud Instance Metadata API (Threat Matrix: Access cloud resources)' },
    ],
    rules: [
      'k8s/service-account-token', 'k8s/service-account', 'k8s/hardcoded-secret-env', 'k8s/secret-in-configmap', 'k8s/secret-in-env', 'k8s/cloud-credentials-mount',
      'k8s/rbac-read-secrets', 'k8s/host-network', 'k8s/ingress-nginx-snippet', 'k8s/ingress-nginx-annotation-injection', 'docker/secrets-in-build', 'docker/chpasswd',
      'k8s/workload-token-powers', 'k8s/workload-mounted-secret',
    ],
  },
  {
    id: 'rbac-escalation',
    name: 'Privilege escalation through RBAC',
    techniques: [
      { id: 'T1098.006', name: 'Additional Container Cluster Roles (Threat Matrix: Cluster-admin binding)' },
      { id: 'T1078', name: 'Valid Accounts' },
      { id: 'T1609', name: 'Container Administration Command (exec into pods)' },
      { id: 'T1610', name: 'Deploy Container (create pods with any service account)' },
    ],
    rules: [
      'k8s/rbac-wildcard', 'k8s/cluster-admin-binding', 'k8s/rbac-escalate', 'k8s/rbac-create-pods', 'k8s/rbac-exec-attach', 'k8s/rbac-escalation-paths',
      'k8s/rbac-admission-webhooks', 'k8s/binding-broad-group', 'k8s/rbac-nodes-proxy', 'k8s/rbac-configmap-tampering', 'k8s/rbac-anti-forensics', 'k8s/tiller', 'k8s/kubernetes-dashboard',
      'k8s/workload-token-powers', 'k8s/rbac-carried-by-workload',
    ],
  },
  {
    id: 'exposure',
    name: 'Lateral movement and exposure',
    techniques: [
      { id: 'T1190', name: 'Exploit Public-Facing Application (Threat Matrix: Exposed sensitive interfaces)' },
      { id: 'T1133', name: 'External Remote Services' },
      { id: 'T1021.004', name: 'Remote Services: SSH (Threat Matrix: SSH server running inside container)' },
      { id: 'T1557', name: 'Adversary-in-the-Middle (Threat Matrix: ARP poisoning and IP spoofing)' },
      { id: 'T1046', name: 'Network Service Discovery' },
    ],
    rules: [
      'k8s/host-network', 'k8s/host-port', 'k8s/service-exposure', 'k8s/service-external-ips', 'k8s/ssh-port', 'k8s/ingress-tls', 'k8s/ingress-wildcard-host',
      'k8s/ingress-nginx-snippet', 'k8s/ingress-nginx-annotation-injection', 'k8s/non-isolated-pod', 'k8s/rbac-manage-networking', 'k8s/endpointslice-loopback',
      'k8s/net-raw', 'k8s/capabilities-not-dropped', 'k8s/kubernetes-dashboard', 'docker/expose-ssh', 'k8s/internet-facing-workload',
    ],
  },
  {
    id: 'supply-chain',
    name: 'Supply-chain tampering (mutable images, remote scripts, disabled TLS)',
    techniques: [
      { id: 'T1195.002', name: 'Compromise Software Supply Chain' },
      { id: 'T1204.003', name: 'User Execution: Malicious Image (Threat Matrix: Compromised images in registry)' },
      { id: 'T1525', name: 'Implant Internal Image (Threat Matrix: Backdoor container)' },
      { id: 'T1557', name: 'Adversary-in-the-Middle (TLS or signature verification disabled)' },
    ],
    rules: [
      'k8s/image-tag', 'k8s/image-digest', 'k8s/untrusted-registry', 'k8s/image-pull-policy', 'docker/base-image-unpinned', 'docker/untrusted-base-registry',
      'docker/remote-script-to-shell', 'docker/tls-verification-disabled', 'docker/package-signatures-disabled', 'docker/add-instead-of-copy',
      'docker/os-packages-unpinned', 'docker/language-packages-unpinned', 'docker/denied-packages',
    ],
  },
];

const BY_RULE = new Map<string, AttackPath[]>();
for (const p of ATTACK_PATHS) for (const r of p.rules) append(BY_RULE, r, p);

export function pathsOfRule(ruleId: string): AttackPath[] {
  return BY_RULE.get(ruleId) ?? [];
}

export interface OpenedPath {
  id: string;
  name: string;
  techniques: string[];
  findings: string[];
  /** The chain of named objects, when a finding opening the path runs across objects (the longest such chain, most severe first). */
  steps?: AttackStep[];
}

/** The paths a resource's (unsuppressed) findings open, with the findings that open each. */
export function attackPathsOf(findings: Finding[]): OpenedPath[] {
  const out: OpenedPath[] = [];
  for (const p of ATTACK_PATHS) {
    const opening = findings.filter((f) => !f.suppressed && p.rules.includes(f.ruleId));
    if (!opening.length) continue;
    const path: OpenedPath = { id: p.id, name: p.name, techniques: p.techniques.map((t) => t.id), findings: opening.map((f) => f.fingerprint) };
    const chain = opening.filter((f) => f.steps?.length).sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || b.steps!.length - a.steps!.length)[0];
    if (chain) path.steps = chain.steps;
    out.push(path);
  }
  return out;
}
