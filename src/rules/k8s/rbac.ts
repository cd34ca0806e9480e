// RBAC rule reading shared by the RBAC checks: which verbs on which resources a role grants,
// with wildcards, and where in the YAML each grant is written.

import { YMap, YScalar } from '../../core/yaml/ast.js';
import type { KubeObject } from '../../core/k8s/objects.js';
import { seqScalars } from './helpers.js';

export interface PolicyRule {
  node: YMap;
  apiGroups: YScalar[];
  resources: YScalar[];
  verbs: YScalar[];
  resourceNames: string[];
  nonResourceURLs: YScalar[];
}

export function isRole(o: KubeObject): boolean {
  return o.kind === 'Role' || o.kind === 'ClusterRole';
}

export function policyRules(o: KubeObject): PolicyRule[] {
  if (!isRole(o)) return [];
  return o.node.maps('rules').map((r) => ({
    node: r,
    apiGroups: seqScalars(r.get('apiGroups')),
    resources: seqScalars(r.get('resources')),
    verbs: seqScalars(r.get('verbs')),
    resourceNames: seqScalars(r.get('resourceNames')).map((s) => String(s.value)),
    nonResourceURLs: seqScalars(r.get('nonResourceURLs')),
  }));
}

const text = (s: YScalar) => String(s.value).trim();

/** The API group a built-in resource lives in ('' is the core group), for grants that name none. */
const GROUP_OF: Record<string, string> = {
  pods: '', secrets: '', configmaps: '', services: '', endpoints: '', nodes: '', serviceaccounts: '', namespaces: '', persistentvolumes: '',
  persistentvolumeclaims: '', replicationcontrollers: '', events: '', users: '', groups: '',
  deployments: 'apps', statefulsets: 'apps', daemonsets: 'apps', replicasets: 'apps',
  jobs: 'batch', cronjobs: 'batch',
  roles: 'rbac.authorization.k8s.io', clusterroles: 'rbac.authorization.k8s.io', rolebindings: 'rbac.authorization.k8s.io', clusterrolebindings: 'rbac.authorization.k8s.io',
  networkpolicies: 'networking.k8s.io', ingresses: 'networking.k8s.io', endpointslices: 'discovery.k8s.io',
  validatingwebhookconfigurations: 'admissionregistration.k8s.io', mutatingwebhookconfigurations: 'admissionregistration.k8s.io',
  certificatesigningrequests: 'certificates.k8s.io', signers: 'certificates.k8s.io', userextras: 'authentication.k8s.io', uids: 'authentication.k8s.io',
};

export interface RbacRequest {
  verb: string;
  group: string;
  /** `pods`, or with its subresource `pods/exec`. */
  resource: string;
  /** The object's name; undefined for requests on a collection (create, list). */
  name?: string;
}

/**
 * Whether a policy rule allows a request, as the Kubernetes RBAC authorizer decides it
 * (rbac/v1 helpers VerbMatches, APIGroupMatches, ResourceMatches, ResourceNameMatches): `*`
 * matches any verb, group or resource; `*\/sub` matches that subresource of any resource; a rule
 * with resourceNames allows only requests for those names.
 */
export function allows(rule: PolicyRule, req: RbacRequest): { verb: YScalar; resource: YScalar } | null {
  const verb = rule.verbs.find((v) => text(v) === '*' || text(v) === req.verb);
  if (!verb) return null;
  if (!rule.apiGroups.some((g) => text(g) === '*' || text(g) === req.group)) return null;
  const sub = req.resource.includes('/') ? req.resource.slice(req.resource.indexOf('/') + 1) : null;
  const resource = rule.resources.find((r) => {
    const t = text(r);
    return t === '*' || t === req.resource || (sub !== null && t === `*/${sub}`);
  });
  if (!resource) return null;
  if (rule.resourceNames.length && (req.name === undefined || !rule.resourceNames.includes(req.name))) return null;
  return { verb, resource };
}

/** The verb scalar that grants one of `verbs` (or `*`), if any. */
export function verbGranting(rule: PolicyRule, verbs: string[]): YScalar | undefined {
  return rule.verbs.find((v) => text(v) === '*' || verbs.includes(text(v)));
}

/**
 * A grant of any of `verbs` on any of `resources` (in `groups`, else each resource's own group),
 * evaluated by `allows`: the node to point at, the verb (the word a reviewer removes) or the
 * resource, where KICS points for that check. `names`: the object names the grant is about (aws-auth), else any.
 */
export function grant(rule: PolicyRule, verbs: string[], resources: string[], groups: string[] | null = null, names?: string[], pointAt: 'verb' | 'resource' = 'verb'): YScalar | undefined {
  for (const resource of resources) {
    const inGroups = groups ?? [GROUP_OF[resource.split('/')[0]] ?? ''];
    for (const group of inGroups)
      for (const verb of verbs) {
        // A named grant (resourceNames) allows only requests for those names; a grant check without
        // names asks about any object, which a named rule does not give.
        for (const name of names ?? [undefined]) {
          const hit = allows(rule, { verb, group, resource, name });
          if (hit) return pointAt === 'verb' ? hit.verb : hit.resource;
        }
      }
  }
  return undefined;
}

/** Literal reading, as Trivy's Rego reads RBAC rules: a resource or verb written exactly so. */
export function literally(rule: PolicyRule, resources: string[], verbs: string[]): boolean {
  return rule.resources.some((r) => resources.includes(text(r))) && rule.verbs.some((v) => verbs.includes(text(v)));
}

/** `*` verbs on `*` resources in `*` API groups: cluster-admin. */
export function isFullWildcard(rule: PolicyRule): boolean {
  return rule.verbs.some((v) => text(v) === '*') && rule.resources.some((r) => text(r) === '*') && rule.apiGroups.some((g) => text(g) === '*');
}
