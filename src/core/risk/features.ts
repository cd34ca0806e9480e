// The risk model's inputs. Every feature is computed from the findings attached to one resource
// (plus the resource's kind), and every feature but the kind indicators grows with risk. Two
// consequences the tests check: removing a finding (fixing it) can only lower or keep each
// feature, so with monotone constraints the score never rises; and "risk if fixed" is the same
// model on the same features minus one finding.
//
// models/features.json is written by training from this list; inference refuses a mismatch.

import type { Finding, ResourceReport, Severity } from '../types.js';
import { ATTACK_PATHS } from './attack-paths.js';
import { rowKey } from './row-key.js';

/**
 * A feature is a sum over the resource's findings of what each one contributes (`per`), combined
 * as a count (`sum`), a flag (`any`: 1 when any finding counts), or the number of distinct
 * containers among the findings that count (`containers`); or a fact about the resource itself
 * (`ofResource`). Defined per finding so that "the resource without finding f" is the resource's
 * sums minus f's share (FeatureTable), not a recount of every finding: explaining a resource with
 * k findings asks about k such variants, and paths to green about k per step.
 */
export interface FeatureSpec {
  name: string;
  description: string;
  /** +1: more means riskier (monotone constraint); 0: an indicator with no direction. */
  direction: 1 | 0;
  per?: (f: Finding, resource: ResourceReport) => number;
  combine?: 'sum' | 'any' | 'containers';
  /** Of the resource's kind alone: tables share one answer per kind (fixedOfKind). */
  ofResource?: (resource: Pick<ResourceReport, 'kind'>) => number;
}

export interface FeatureInput {
  resource: ResourceReport;
  findings: Finding[];
}

type Spec = Omit<FeatureSpec, 'name' | 'description' | 'direction'>;
const ruleIn = (rules: string[]) => {
  const set = new Set(rules);
  return (f: Finding) => (set.has(f.ruleId) ? 1 : 0);
};
const count = (...rules: string[]): Spec => ({ per: ruleIn(rules), combine: 'sum' });
const flag = (...rules: string[]): Spec => ({ per: ruleIn(rules), combine: 'any' });
/** Rules some feature reads the message of: their findings' shares depend on it (sharesOf). */
const MESSAGE_RULES = new Set<string>();
const matchesMessage = (rule: string, re: RegExp) => {
  MESSAGE_RULES.add(rule);
  return (f: Finding) => (f.ruleId === rule && re.test(f.message) ? 1 : 0);
};
const matching = (rule: string, re: RegExp): Spec => ({ per: matchesMessage(rule, re), combine: 'sum' });
const CLUSTER = new Set(['ClusterRole', 'ClusterRoleBinding']);
const scoped = (cluster: boolean, ...rules: string[]): Spec => {
  const of = ruleIn(rules);
  return { per: (f, r) => (CLUSTER.has(r.kind) === cluster ? of(f) : 0), combine: 'sum' };
};
const kind = (...kinds: string[]): Spec => ({ ofResource: (r) => (kinds.includes(r.kind) ? 1 : 0) });
const superuserGrant = matchesMessage('k8s/rbac-wildcard', /every verb on every resource.*: verbs is \*$/);

const WORKLOADS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'PodTemplate'];

export const FEATURES: FeatureSpec[] = [
  // Container escape and node access.
  { name: 'privileged', description: 'privileged containers', direction: 1, ...count('k8s/privileged-container') },
  { name: 'host_pid', description: 'shares the host PID namespace', direction: 1, ...flag('k8s/host-pid') },
  { name: 'host_ipc', description: 'shares the host IPC namespace', direction: 1, ...flag('k8s/host-ipc') },
  { name: 'host_network', description: 'uses the host network', direction: 1, ...flag('k8s/host-network') },
  { name: 'host_port', description: 'ports bound on the node', direction: 1, ...count('k8s/host-port') },
  { name: 'runtime_socket', description: 'mounts the container runtime socket', direction: 1, ...flag('k8s/container-runtime-socket') },
  { name: 'host_path_critical', description: 'hostPath of /, /etc, /proc, /sys, /dev, /root, /var/lib/kubelet or /boot', direction: 1, ...matching('k8s/sensitive-host-path', /path (\/|\/etc|\/proc|\/sys|\/dev|\/root|\/boot|\/var\/lib\/kubelet)(\/|$|\s)/) },
  { name: 'host_path_sensitive', description: 'hostPath volumes of sensitive system directories', direction: 1, ...count('k8s/sensitive-host-path') },
  { name: 'host_path', description: 'hostPath volumes', direction: 1, ...count('k8s/host-path-volume') },
  { name: 'host_path_writable', description: 'hostPath volumes mounted writable', direction: 1, ...count('k8s/writable-host-path') },
  { name: 'cloud_credentials', description: 'mounts cloud or cluster credentials from the node', direction: 1, ...flag('k8s/cloud-credentials-mount') },
  { name: 'cap_sys_admin', description: 'containers adding SYS_ADMIN (or ALL)', direction: 1, ...count('k8s/cap-sys-admin') },
  { name: 'cap_dangerous', description: 'dangerous capabilities added (SYS_MODULE, SYS_PTRACE, NET_ADMIN, …)', direction: 1, ...count('k8s/dangerous-capabilities') },
  { name: 'cap_added', description: 'other capabilities added beyond the baseline', direction: 1, ...count('k8s/added-capabilities') },
  { name: 'caps_kept', description: 'containers keeping default capabilities (ALL or NET_RAW not dropped)', direction: 1, ...count('k8s/capabilities-not-dropped', 'k8s/net-raw') },
  { name: 'privilege_escalation', description: 'containers allowing privilege escalation', direction: 1, ...count('k8s/privilege-escalation') },
  { name: 'may_run_as_root', description: 'containers that may run as root', direction: 1, ...count('k8s/run-as-non-root') },
  { name: 'uid_zero', description: 'runs explicitly as UID 0', direction: 1, ...flag('k8s/run-as-uid-0') },
  { name: 'writable_root_fs', description: 'containers with a writable root filesystem', direction: 1, ...count('k8s/writable-root-filesystem') },
  { name: 'no_seccomp', description: 'containers without a seccomp profile (or unconfined)', direction: 1, ...count('k8s/seccomp-profile') },
  { name: 'weak_lsm', description: 'AppArmor unconfined or custom SELinux options', direction: 1, ...count('k8s/apparmor', 'k8s/selinux-options') },
  { name: 'proc_unmasked', description: 'containers with an unmasked /proc', direction: 1, ...count('k8s/unmasked-proc-mount') },
  { name: 'unsafe_sysctls', description: 'unsafe sysctls set', direction: 1, ...count('k8s/unsafe-sysctls') },
  { name: 'windows_host_process', description: 'Windows HostProcess containers', direction: 1, ...count('k8s/windows-host-process') },
  { name: 'missing_security_context', description: 'pod or containers without any securityContext', direction: 1, ...count('k8s/missing-security-context') },
  { name: 'risky_volumes', description: 'volume types outside the restricted set', direction: 1, ...count('k8s/risky-volume-types') },
  { name: 'sudo_command', description: 'containers running sudo', direction: 1, ...flag('k8s/sudo-in-command') },
  // Credentials.
  { name: 'sa_token', description: 'service account token mounted', direction: 1, ...flag('k8s/service-account-token') },
  { name: 'default_sa', description: 'default or deprecated service account use', direction: 1, ...flag('k8s/service-account') },
  { name: 'hardcoded_secret', description: 'credentials written in env values or ConfigMaps', direction: 1, ...count('k8s/hardcoded-secret-env', 'k8s/secret-in-configmap') },
  { name: 'secret_env', description: 'Secrets exposed as environment variables', direction: 1, ...count('k8s/secret-in-env') },
  // Supply chain and hygiene.
  { name: 'image_mutable', description: 'images without a tag or with latest', direction: 1, ...count('k8s/image-tag') },
  { name: 'image_no_digest', description: 'images not pinned by digest', direction: 1, ...count('k8s/image-digest') },
  { name: 'untrusted_registry', description: 'images from untrusted or frozen registries', direction: 1, ...count('k8s/untrusted-registry') },
  // k8s/resources reports each missing value separately; the feature counts containers, as it was trained.
  { name: 'no_resources', description: 'containers without requests or limits', direction: 1, per: ruleIn(['k8s/resources']), combine: 'containers' },
  { name: 'kube_system', description: 'workload in kube-system', direction: 1, ...flag('k8s/kube-system-workload') },
  { name: 'legacy_components', description: 'Tiller, Kubernetes Dashboard', direction: 1, ...count('k8s/tiller', 'k8s/kubernetes-dashboard') },
  // RBAC: the same grant is riskier cluster-wide.
  { name: 'rbac_superuser', description: 'grants * on * or binds cluster-admin', direction: 1, per: (f) => superuserGrant(f) + (f.ruleId === 'k8s/cluster-admin-binding' ? 1 : 0), combine: 'sum' },
  { name: 'rbac_wildcard', description: 'wildcards in RBAC rules', direction: 1, ...count('k8s/rbac-wildcard') },
  { name: 'rbac_secrets_cluster', description: 'cluster-wide read access to Secrets', direction: 1, ...scoped(true, 'k8s/rbac-read-secrets') },
  { name: 'rbac_secrets_namespace', description: 'namespaced read access to Secrets', direction: 1, ...scoped(false, 'k8s/rbac-read-secrets') },
  { name: 'rbac_escalation', description: 'escalate/bind/impersonate, nodes/proxy, webhooks', direction: 1, ...count('k8s/rbac-escalate', 'k8s/rbac-nodes-proxy', 'k8s/rbac-admission-webhooks') },
  { name: 'rbac_execution', description: 'exec/attach, creating pods, other escalation paths', direction: 1, ...count('k8s/rbac-exec-attach', 'k8s/rbac-create-pods', 'k8s/rbac-escalation-paths') },
  { name: 'rbac_tampering', description: 'ConfigMap, networking or log tampering', direction: 1, ...count('k8s/rbac-configmap-tampering', 'k8s/rbac-manage-networking', 'k8s/rbac-anti-forensics') },
  { name: 'rbac_broad_subjects', description: 'bound to anonymous, all authenticated users or system:masters', direction: 1, ...count('k8s/binding-broad-group') },
  // Exposure.
  { name: 'exposed', description: 'NodePort/LoadBalancer Services, externalIPs, SSH ports', direction: 1, ...count('k8s/service-exposure', 'k8s/service-external-ips', 'k8s/ssh-port') },
  { name: 'ingress_injection', description: 'ingress-nginx configuration injection (snippets, annotation values reaching nginx.conf)', direction: 1, ...count('k8s/ingress-nginx-snippet', 'k8s/ingress-nginx-annotation-injection') },
  { name: 'ingress_weak', description: 'Ingress without TLS or with a wildcard host', direction: 1, ...count('k8s/ingress-tls', 'k8s/ingress-wildcard-host') },
  // Across objects (model v3, core/graph): what the workload's mounted token may do through the
  // bindings in the scan, whether the internet reaches the workload, and for bindings and roles
  // whether a running workload carries them (and whether that workload faces the internet).
  { name: 'token_takeover', description: 'mounted token can take over the cluster', direction: 1, ...matching('k8s/workload-token-powers', /^cluster takeover:/) },
  { name: 'token_secrets_cluster', description: 'mounted token reads every Secret in the cluster', direction: 1, ...matching('k8s/workload-token-powers', /^reads every Secret in the cluster:/) },
  { name: 'token_namespace', description: 'mounted token takes over its namespace or reads its Secrets', direction: 1, ...matching('k8s/workload-token-powers', /^(namespace takeover|reads the Secrets of its namespace):/) },
  { name: 'token_exec', description: 'mounted token can exec into pods', direction: 1, ...matching('k8s/workload-token-powers', /^exec into pods:/) },
  { name: 'reach_internet', description: 'reachable from the internet (Service, Ingress, route, host port)', direction: 1, ...flag('k8s/internet-facing-workload') },
  { name: 'carried_by_workload', description: 'RBAC powers carried by a running workload\'s token', direction: 1, ...flag('k8s/rbac-carried-by-workload') },
  { name: 'carried_exposed', description: 'RBAC powers carried by an internet-facing workload\'s token', direction: 1, ...matching('k8s/rbac-carried-by-workload', /which the internet reaches/) },
  // Dockerfile final images.
  { name: 'df_root', description: 'image runs as root', direction: 1, ...flag('docker/root-user') },
  { name: 'df_remote_exec', description: 'downloaded scripts piped into a shell', direction: 1, ...count('docker/remote-script-to-shell') },
  { name: 'df_tls_off', description: 'TLS or package signature verification disabled', direction: 1, ...count('docker/tls-verification-disabled', 'docker/package-signatures-disabled') },
  { name: 'df_secrets', description: 'secrets in ARG/ENV/copied files, passwords set', direction: 1, ...count('docker/secrets-in-build', 'docker/chpasswd') },
  { name: 'df_sudo', description: 'sudo in RUN', direction: 1, ...count('docker/sudo') },
  { name: 'df_base_mutable', description: 'base image without a version, or from an untrusted registry', direction: 1, ...count('docker/base-image-unpinned', 'docker/untrusted-base-registry') },
  { name: 'df_remote_add', description: 'ADD of remote files without checksum, or ADD instead of COPY', direction: 1, ...count('docker/add-instead-of-copy') },
  { name: 'df_ssh', description: 'SSH port exposed', direction: 1, ...flag('docker/expose-ssh') },
  { name: 'df_unpinned_packages', description: 'packages installed without versions', direction: 1, ...count('docker/os-packages-unpinned', 'docker/language-packages-unpinned') },
  // Every finding counts: the rules without a feature of their own, by severity (model v2).
  { name: 'other_critical', description: 'other critical findings', direction: 1, ...others('critical') },
  { name: 'other_high', description: 'other high findings', direction: 1, ...others('high') },
  { name: 'other_medium', description: 'other medium findings', direction: 1, ...others('medium') },
  { name: 'other_low', description: 'other low and info findings', direction: 1, ...others('low', 'info') },
  // Every finding, by severity and by the attack paths it opens (attack-paths.ts).
  { name: 'sev_critical', description: 'critical findings', direction: 1, ...bySeverity('critical') },
  { name: 'sev_high', description: 'high findings', direction: 1, ...bySeverity('high') },
  { name: 'sev_medium', description: 'medium findings', direction: 1, ...bySeverity('medium') },
  { name: 'sev_low', description: 'low and info findings', direction: 1, ...bySeverity('low', 'info') },
  ...ATTACK_PATHS.map((p): FeatureSpec => ({ name: `path_${p.id.replace(/-/g, '_')}`, description: `findings opening: ${p.name}`, direction: 1, ...count(...p.rules) })),
  // What the resource is (no direction: a Role is not riskier than a Pod by itself).
  { name: 'is_workload', description: 'the resource runs pods', direction: 0, ...kind(...WORKLOADS) },
  { name: 'is_rbac', description: 'the resource is an RBAC object', direction: 0, ...kind('Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding') },
  { name: 'is_network', description: 'the resource is a Service, Ingress, NetworkPolicy or endpoint', direction: 0, ...kind('Service', 'Ingress', 'NetworkPolicy', 'EndpointSlice', 'Endpoints') },
  { name: 'is_dockerfile', description: 'the resource is a Dockerfile\'s final image', direction: 0, ...kind('Dockerfile') },
];

/** Every rule a named feature counts; the "other" features count the rest (a test keeps this list true). */
export const RULES_WITH_OWN_FEATURE = [
  'k8s/privileged-container', 'k8s/host-pid', 'k8s/host-ipc', 'k8s/host-network', 'k8s/host-port', 'k8s/container-runtime-socket', 'k8s/sensitive-host-path',
  'k8s/host-path-volume', 'k8s/writable-host-path', 'k8s/cloud-credentials-mount', 'k8s/cap-sys-admin', 'k8s/dangerous-capabilities', 'k8s/added-capabilities',
  'k8s/capabilities-not-dropped', 'k8s/net-raw', 'k8s/privilege-escalation', 'k8s/run-as-non-root', 'k8s/run-as-uid-0', 'k8s/writable-root-filesystem',
  'k8s/seccomp-profile', 'k8s/apparmor', 'k8s/selinux-options', 'k8s/unmasked-proc-mount', 'k8s/unsafe-sysctls', 'k8s/windows-host-process',
  'k8s/missing-security-context', 'k8s/risky-volume-types', 'k8s/sudo-in-command', 'k8s/service-account-token', 'k8s/service-account',
  'k8s/hardcoded-secret-env', 'k8s/secret-in-configmap', 'k8s/secret-in-env', 'k8s/image-tag', 'k8s/image-digest', 'k8s/untrusted-registry', 'k8s/resources',
  'k8s/kube-system-workload', 'k8s/tiller', 'k8s/kubernetes-dashboard', 'k8s/rbac-wildcard', 'k8s/cluster-admin-binding', 'k8s/rbac-read-secrets',
  'k8s/rbac-escalate', 'k8s/rbac-nodes-proxy', 'k8s/rbac-admission-webhooks', 'k8s/rbac-exec-attach', 'k8s/rbac-create-pods', 'k8s/rbac-escalation-paths',
  'k8s/rbac-configmap-tampering', 'k8s/rbac-manage-networking', 'k8s/rbac-anti-forensics', 'k8s/binding-broad-group', 'k8s/service-exposure',
  'k8s/service-external-ips', 'k8s/ssh-port', 'k8s/ingress-tls', 'k8s/ingress-wildcard-host', 'k8s/ingress-nginx-snippet', 'k8s/ingress-nginx-annotation-injection',
  'docker/root-user', 'docker/remote-script-to-shell', 'docker/tls-verification-disabled', 'docker/package-signatures-disabled', 'docker/secrets-in-build',
  'docker/chpasswd', 'docker/sudo', 'docker/base-image-unpinned', 'docker/untrusted-base-registry', 'docker/add-instead-of-copy', 'docker/expose-ssh',
  'docker/os-packages-unpinned', 'docker/language-packages-unpinned', 'k8s/workload-token-powers', 'k8s/internet-facing-workload', 'k8s/rbac-carried-by-workload',
];
const KNOWN = new Set(RULES_WITH_OWN_FEATURE);

/** Findings of rules without a feature of their own, of the given severities. */
function others(...severities: Severity[]): Spec {
  return { per: (f) => (!KNOWN.has(f.ruleId) && severities.includes(f.severity) ? 1 : 0), combine: 'sum' };
}

function bySeverity(...severities: Severity[]): Spec {
  return { per: (f) => (severities.includes(f.severity) ? 1 : 0), combine: 'sum' };
}

export const FEATURE_NAMES = FEATURES.map((f) => f.name);

/** The features of a resource with these findings. */
export function featureVector(input: FeatureInput): number[] {
  return new FeatureTable(input.resource, input.findings).row();
}

/**
 * What a finding adds to each feature (the features it counts in, and by how much). A share is
 * decided by the finding's rule, its severity, whether its resource is cluster-scoped RBAC and,
 * for the rules in MESSAGE_RULES, its message: findings alike in those share one computed share
 * (37,000 findings of the bench set have about 400 distinct ones), instead of asking every
 * feature about every finding of every resource, once for its score and again for its path to
 * green. test/risk-features.test.ts checks the shares against asking every feature.
 */
type Share = { at: number[]; by: number[] };
/** rule → severity → [namespaced, cluster-scoped RBAC]: bounded by the rules. */
const shareCache = new Map<string, Map<string, [Share | null, Share | null]>>();
/** For MESSAGE_RULES, by rule, severity, scope and message; cleared when full (messages are the file's). */
const messageShareCache = new Map<string, Share>();
const SHARE_CACHE_ENTRIES = 50_000;

export function sharesOf(f: Finding, resource: ResourceReport): { at: number[]; by: number[] } {
  const cluster = CLUSTER.has(resource.kind) ? 1 : 0;
  if (MESSAGE_RULES.has(f.ruleId)) {
    const key = `${f.ruleId}\0${f.severity}\0${cluster}\0${f.message}`;
    let share = messageShareCache.get(key);
    if (!share) {
      share = computeShares(f, resource);
      if (messageShareCache.size >= SHARE_CACHE_ENTRIES) messageShareCache.clear();
      messageShareCache.set(key, share);
    }
    return share;
  }
  // Rule and severity are the rule's own strings: looked up without building a key per finding.
  let bySeverity = shareCache.get(f.ruleId);
  if (!bySeverity) shareCache.set(f.ruleId, (bySeverity = new Map()));
  let byScope = bySeverity.get(f.severity);
  if (!byScope) bySeverity.set(f.severity, (byScope = [null, null]));
  return (byScope[cluster] ??= computeShares(f, resource));
}

/** sharesOf without the cache: every feature asked. */
export function computeShares(f: Finding, resource: ResourceReport): { at: number[]; by: number[] } {
  const at: number[] = [];
  const by: number[] = [];
  for (let j = 0; j < FEATURES.length; j++) {
    const per = FEATURES[j].per;
    const v = per ? per(f, resource) : 0;
    if (!v) continue;
    at.push(j);
    by.push(v);
  }
  return { at, by };
}

/**
 * A share's part of a signature (FeatureTable.signature), built once per share: sharesOf gives
 * every finding of one rule and condition the same share object. `perContainer`: the share counts
 * in a feature that counts containers (every table has the same such features).
 */
const signatureOfShare = new WeakMap<{ at: number[]; by: number[] }, { text: string; perContainer: boolean }>();
function shareSignature(share: { at: number[]; by: number[] }, containers: Map<number, unknown>): { text: string; perContainer: boolean } {
  let sig = signatureOfShare.get(share);
  if (!sig) signatureOfShare.set(share, (sig = { text: `${share.at.join(',')}|${share.by.join(',')}`, perContainer: share.at.some((j) => containers.has(j)) }));
  return sig;
}

/**
 * The `ofResource` features of a resource, shared by every table of its kind: they are the kind
 * (see `kind()`), and asking all 82 specs per table was a tenth of building the tables.
 */
const fixedByKind = new Map<string, number[]>();
function fixedOfKind(resource: ResourceReport): number[] {
  let fixed = fixedByKind.get(resource.kind);
  if (!fixed) fixedByKind.set(resource.kind, (fixed = FEATURES.map((spec) => (spec.ofResource ? spec.ofResource(resource) : 0))));
  return fixed;
}

/** One row's worth of room, reused: keys are computed from it without allocating a row. */
const SCRATCH = new Float64Array(FEATURES.length);

/**
 * A resource's findings with each one's share of every feature, computed once. `row()` is the
 * feature vector of the findings still in the table, `rowWithout(i)` the vector without finding i
 * as well, and `remove(i)` takes finding i out: each costs the number of features, not a recount.
 */
export class FeatureTable {
  /** Per finding: the features it adds to, and how much (parallel arrays). */
  private readonly shares: { at: number[]; by: number[] }[];
  private readonly sums: Float64Array;
  /** For `containers` features: feature index → container → findings counted. */
  private readonly containers = new Map<number, Map<string, number>>();
  private readonly fixed: number[];
  private readonly removed: boolean[];

  constructor(readonly resource: ResourceReport, readonly findings: Finding[]) {
    this.sums = new Float64Array(FEATURES.length);
    this.fixed = fixedOfKind(resource);
    for (let j = 0; j < FEATURES.length; j++) if (FEATURES[j].combine === 'containers') this.containers.set(j, new Map());
    this.removed = findings.map(() => false);
    this.shares = findings.map((f) => {
      const share = sharesOf(f, resource);
      const { at, by } = share;
      for (let k = 0; k < at.length; k++) {
        const j = at[k];
        this.sums[j] += by[k];
        const c = this.containers.get(j);
        if (c) c.set(f.container ?? '', (c.get(f.container ?? '') ?? 0) + 1);
      }
      return share;
    });
  }

  row(): number[] {
    return this.vector(-1);
  }

  rowWithout(i: number): number[] {
    return this.vector(i);
  }

  remove(i: number): void {
    if (this.removed[i]) return;
    this.removed[i] = true;
    this.base = null;
    const { at, by } = this.shares[i];
    for (let k = 0; k < at.length; k++) {
      this.sums[at[k]] -= by[k];
      const c = this.containers.get(at[k]);
      if (c) {
        const key = this.findings[i].container ?? '';
        const n = c.get(key)! - 1;
        if (n) c.set(key, n);
        else c.delete(key);
      }
    }
  }

  /** rowKey(row()), without building the row. */
  key(): string {
    return rowKey(this.fill(SCRATCH, -1));
  }

  private signatures: string[] | null = null;

  /**
   * Equal for two findings whose removal gives the same row: the same shares of the same features,
   * and the same container where a feature counts containers. A path-to-green step scores one row
   * per signature instead of one per finding (a resource's 20 `k8s/resources` findings are one).
   */
  signature(i: number): string {
    if (!this.signatures) {
      this.signatures = this.shares.map((share, k) => {
        const { text, perContainer } = shareSignature(share, this.containers);
        return perContainer ? `${text}|${this.findings[k].container ?? ''}` : text;
      });
    }
    return this.signatures[i];
  }

  /**
   * Equal for two tables whose rows are all equal: the table's row, and the row without each
   * finding in turn (the same signatures in the same order). Alike resources (one chart's
   * services, a copied overlay) are common, and their rows need building and looking up only once.
   */
  alikeKey(): string {
    let key = this.key();
    for (let i = 0; i < this.findings.length; i++) key += `\n${this.signature(i)}`;
    return key;
  }

  /** The row of the findings left and its key, while no finding is removed (remove() drops it). */
  private base: { row: Float64Array; key: string } | null = null;

  /**
   * rowKey(rowWithout(i)), without building the row: the row without finding i differs from the
   * table's row only in the features finding i counts in (two to five, of 75), so the key is the
   * table's key with those characters replaced. A resource's k variants, asked again at each step
   * of its path to green, cost that instead of k full rows.
   */
  keyWithout(i: number): string {
    if (this.removed[i]) return this.key();
    if (!this.base) {
      const row = this.fill(new Float64Array(FEATURES.length), -1);
      this.base = { row, key: rowKey(row) };
    }
    const { row, key } = this.base;
    // The compact key form has one character per feature (row-key.ts); the other needs the full row.
    if (key.length !== FEATURES.length) return rowKey(this.fill(SCRATCH, i));
    const { at, by } = this.shares[i];
    let out = '';
    let from = 0;
    for (let k = 0; k < at.length; k++) {
      const j = at[k];
      const v = this.combined(j, this.sums[j] - by[k], i);
      if (v === row[j]) continue;
      if (!(Number.isInteger(v) && v >= 0 && v < 0xffff)) return rowKey(this.fill(SCRATCH, i));
      out += key.slice(from, j) + String.fromCharCode(v);
      from = j + 1;
    }
    return from === 0 ? key : out + key.slice(from);
  }

  private vector(without: number): number[] {
    return Array.from(this.fill(new Float64Array(FEATURES.length), without));
  }

  private fill(out: Float64Array, without: number): Float64Array {
    for (let j = 0; j < FEATURES.length; j++) out[j] = this.sums[j];
    const skip = without >= 0 && !this.removed[without] ? without : -1;
    if (skip >= 0) {
      const { at, by } = this.shares[skip];
      for (let k = 0; k < at.length; k++) out[at[k]] -= by[k];
    }
    for (let j = 0; j < FEATURES.length; j++) out[j] = this.combined(j, out[j], skip);
    return out;
  }

  /** Feature j's value from its findings' summed shares, finding `without` (or -1) left out. */
  private combined(j: number, sum: number, without: number): number {
    const spec = FEATURES[j];
    if (spec.ofResource) return this.fixed[j];
    if (spec.combine === 'any') return sum > 0 ? 1 : 0;
    if (spec.combine === 'containers') {
      const c = this.containers.get(j)!;
      // Without finding i, its container drops out when it was that container's only finding.
      return c.size - (without >= 0 && this.shares[without].at.includes(j) && c.get(this.findings[without].container ?? '') === 1 ? 1 : 0);
    }
    return sum;
  }
}

/**
 * The resource a finding belongs to: the same file and object (for a finding in a rendered chart or
 * root, the file its resource is reported in), or the same file's final image (Dockerfile). The
 * first of equal resources, as a search in order finds. Shared by the risk model and SARIF.
 */
export function resourceLookup(resources: ResourceReport[]): (f: Finding) => ResourceReport | undefined {
  const byKey = new Map<string, ResourceReport>();
  for (const r of resources) {
    const key = resourceKey(r.path, r.kind, r.kind === 'Dockerfile' ? null : r, r.rendered?.root ?? null);
    if (!byKey.has(key)) byKey.set(key, r);
  }
  return (f) => byKey.get(resourceKey(f.rendered?.resourcePath ?? f.path, f.resource ? f.resource.kind : 'Dockerfile', f.resource, f.rendered?.root ?? null));
}

/**
 * A resource is its file, kind, namespace and name, and the chart or Kustomize root that rendered
 * it: two overlays that render one base to the same name are two resources, each with its own
 * findings (before, every root's findings went to the first copy and the others scored clean).
 */
function resourceKey(path: string, kind: string, named: { name: string; namespace: string | null } | null, root: string | null): string {
  const own = named ? `${path}\0${kind}\0${named.namespace ?? '\u0001'}\0${named.name}` : `${path}\0${kind}`;
  return root === null ? own : `${own}\0${root}`;
}

/** Each resource's unsuppressed findings (resourceLookup). */
export function findingsByResource(resources: ResourceReport[], findings: Finding[]): Map<ResourceReport, Finding[]> {
  const resourceOf = resourceLookup(resources);
  const out = new Map<ResourceReport, Finding[]>(resources.map((r) => [r, []]));
  for (const f of findings) {
    if (f.suppressed) continue;
    const r = resourceOf(f);
    if (r) out.get(r)!.push(f);
  }
  return out;
}
