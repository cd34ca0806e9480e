// What a set of RBAC rules lets a token do, in the terms an attacker uses: take over the cluster
// (or a namespace), read Secrets, exec into pods. Evaluated with the authorizer model the RBAC
// checks use (rules/k8s/rbac.ts `allows`), on the role's own rules, the rules of the ClusterRoles
// it aggregates, or, for the built-in roles a chart binds without shipping them, their rules as
// Kubernetes bootstraps them.

import { parseYaml } from '../yaml/parse.js';
import { YMap } from '../yaml/ast.js';
import { makeObject, type KubeObject } from '../k8s/objects.js';
import { LabelSelector, type ClusterIndex } from '../k8s/cluster-index.js';
import { allows, isFullWildcard, policyRules, type PolicyRule, type RbacRequest } from '../../rules/k8s/rbac.js';

/** One power, and the request that proves it (what the message names). */
export type Power = 'superuser' | 'escalate' | 'impersonate' | 'create-workloads' | 'nodes-proxy' | 'read-secrets' | 'exec';

/** The powers that take over whatever the binding's scope is: a pod created with any ServiceAccount, any role bound, any identity assumed. */
export const TAKEOVER_POWERS: ReadonlySet<Power> = new Set(['superuser', 'escalate', 'impersonate', 'create-workloads', 'nodes-proxy']);

const WORKLOAD_RESOURCES: [string, string][] = [
  ['', 'pods'], ['apps', 'deployments'], ['apps', 'daemonsets'], ['apps', 'statefulsets'], ['apps', 'replicasets'], ['', 'replicationcontrollers'], ['batch', 'jobs'], ['batch', 'cronjobs'],
];
const RBAC = 'rbac.authorization.k8s.io';

/** Each power with the requests that grant it (any one suffices). */
const POWER_REQUESTS: [Power, RbacRequest[]][] = [
  ['escalate', [
    ...['escalate', 'bind'].flatMap((verb) => ['roles', 'clusterroles'].map((resource) => ({ verb, group: RBAC, resource }))),
    // Writing bindings to a role the token cannot escalate to still needs `bind`; writing roles needs `escalate`. Creating
    // ServiceAccount tokens for any account is the same as impersonating it.
    { verb: 'create', group: '', resource: 'serviceaccounts/token' },
  ]],
  ['impersonate', ['users', 'groups', 'serviceaccounts'].map((resource) => ({ verb: 'impersonate', group: '', resource }))],
  ['create-workloads', WORKLOAD_RESOURCES.flatMap(([group, resource]) => ['create', 'update', 'patch'].map((verb) => ({ verb, group, resource })))],
  ['nodes-proxy', [{ verb: 'get', group: '', resource: 'nodes/proxy' }, { verb: 'create', group: '', resource: 'nodes/proxy' }]],
  ['read-secrets', ['get', 'list', 'watch'].map((verb) => ({ verb, group: '', resource: 'secrets' }))],
  ['exec', [{ verb: 'create', group: '', resource: 'pods/exec' }, { verb: 'create', group: '', resource: 'pods/attach' }, { verb: 'get', group: '', resource: 'pods/exec' }]],
];

export const POWER_TEXT: Record<Power, string> = {
  superuser: 'use every verb on every resource',
  escalate: 'escalate or bind roles, or mint ServiceAccount tokens',
  impersonate: 'impersonate users, groups or ServiceAccounts',
  'create-workloads': 'create or change pods and workloads (so run as any ServiceAccount)',
  'nodes-proxy': 'reach the kubelet API (nodes/proxy)',
  'read-secrets': 'read Secrets',
  exec: 'exec or attach into pods',
};

/** The powers `rules` grant, strongest first. */
export function powersOf(rules: PolicyRule[]): Power[] {
  const out: Power[] = [];
  if (rules.some(isFullWildcard)) out.push('superuser');
  for (const [power, requests] of POWER_REQUESTS) if (requests.some((req) => rules.some((r) => allows(r, req)))) out.push(power);
  return out;
}

// The built-in roles as Kubernetes' bootstrap policy writes them, reduced to the rules that grant
// a power above (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go): admin and edit can
// read Secrets, run pods and exec; view cannot read Secrets.
const BUILT_IN = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: cluster-admin}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}, {nonResourceURLs: ["*"], verbs: ["*"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: admin}
rules:
- {apiGroups: [""], resources: [pods/attach, pods/exec, pods/portforward, pods/proxy, secrets, services/proxy], verbs: [get, list, watch]}
- {apiGroups: [""], resources: [serviceaccounts], verbs: [impersonate]}
- {apiGroups: [""], resources: [pods, pods/attach, pods/exec, pods/portforward, pods/proxy], verbs: [create, delete, deletecollection, patch, update]}
- {apiGroups: [""], resources: [secrets, serviceaccounts, services], verbs: [create, delete, deletecollection, patch, update]}
- {apiGroups: [apps], resources: [daemonsets, deployments, replicasets, statefulsets], verbs: [create, delete, deletecollection, patch, update]}
- {apiGroups: [batch], resources: [cronjobs, jobs], verbs: [create, delete, deletecollection, patch, update]}
- {apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings, roles], verbs: [create, delete, deletecollection, get, list, patch, update, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: edit}
rules:
- {apiGroups: [""], resources: [pods/attach, pods/exec, pods/portforward, pods/proxy, secrets, services/proxy], verbs: [get, list, watch]}
- {apiGroups: [""], resources: [serviceaccounts], verbs: [impersonate]}
- {apiGroups: [""], resources: [pods, pods/attach, pods/exec, pods/portforward, pods/proxy], verbs: [create, delete, deletecollection, patch, update]}
- {apiGroups: [apps], resources: [daemonsets, deployments, replicasets, statefulsets], verbs: [create, delete, deletecollection, patch, update]}
- {apiGroups: [batch], resources: [cronjobs, jobs], verbs: [create, delete, deletecollection, patch, update]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: view}
rules:
- {apiGroups: [""], resources: [pods, services, configmaps, endpoints], verbs: [get, list, watch]}
`;

let builtIns: Map<string, KubeObject> | null = null;

/** The built-in ClusterRole of that name (cluster-admin, admin, edit, view), as bootstrapped. */
export function builtInClusterRole(name: string): KubeObject | undefined {
  if (!builtIns) {
    builtIns = new Map();
    for (const d of parseYaml(BUILT_IN).documents) {
      if (!(d.root instanceof YMap)) continue;
      const o = makeObject('(built-in)', d.index, null, d.root);
      builtIns.set(o.name, o);
    }
  }
  return builtIns.get(name);
}

export interface ResolvedRole {
  kind: 'Role' | 'ClusterRole';
  name: string;
  /** The role in the scan, or the built-in one; null when neither (its powers are unknown). */
  object: KubeObject | null;
  builtIn: boolean;
  rules: PolicyRule[];
}

/**
 * The role a binding's roleRef names: a Role in the binding's namespace, a ClusterRole in the scan
 * (with the rules of the ClusterRoles its aggregationRule selects), else a built-in ClusterRole.
 */
export function resolveRole(index: ClusterIndex, binding: KubeObject): ResolvedRole | null {
  const ref = binding.node.map('roleRef');
  const kind = ref?.str('kind');
  const name = ref?.str('name');
  if ((kind !== 'Role' && kind !== 'ClusterRole') || !name) return null;
  if (kind === 'Role') {
    const role = binding.kind === 'RoleBinding' ? index.findNear('Role', name, binding.namespace ?? 'default', binding) : undefined;
    return { kind, name, object: role ?? null, builtIn: false, rules: role ? policyRules(role) : [] };
  }
  const role = index.findNear('ClusterRole', name, null, binding);
  if (role) return { kind, name, object: role, builtIn: false, rules: [...policyRules(role), ...aggregatedRules(index, role)] };
  const builtIn = builtInClusterRole(name);
  return { kind, name, object: builtIn ?? null, builtIn: !!builtIn, rules: builtIn ? policyRules(builtIn) : [] };
}

/** The rules of the ClusterRoles an aggregated ClusterRole's selectors match (one level, as the controller aggregates). */
function aggregatedRules(index: ClusterIndex, role: KubeObject): PolicyRule[] {
  const selectors = role.node.map('aggregationRule')?.maps('clusterRoleSelectors') ?? [];
  const out: PolicyRule[] = [];
  for (const s of selectors) {
    const selector = LabelSelector.fromSelector(s);
    if (selector.empty) continue;
    for (const r of index.labeled('ClusterRole', selector)) if (r !== role) out.push(...policyRules(r));
  }
  return out;
}
