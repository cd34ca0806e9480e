// One graph of the objects a scan holds, for the checks and the risk model that look across
// objects: which ServiceAccount a workload runs as and whether its token is mounted, which
// bindings give that account which powers, and how the workload is reached (Services, Ingresses,
// Gateway routes, host ports, and the NetworkPolicies that select it). Built from the cross-object
// index (cluster-index.ts), once per index and lazily per workload, so a scan with no workload
// asks nothing.
//
// The graph has what the scan has: a PR that touches one file gets the objects of that file, and
// in the action the index of the whole checkout (which cross-object rules already read). A role
// the scan does not hold is resolved to Kubernetes' built-in role of that name where there is one.

import { YMap, YPair, YScalar, type YNode } from '../yaml/ast.js';
import { effectiveNamespace, sameObject, type KubeObject } from '../k8s/objects.js';
import { LabelSelector, nearest, nearestCopies, podLabels, type ClusterIndex } from '../k8s/cluster-index.js';
import { append } from '../util/append.js';
import { powersOf, resolveRole, type Power, type ResolvedRole } from './rbac-powers.js';
import { policyRules } from '../../rules/k8s/rbac.js';

/** One link of a chain: an object (or the internet), where to point in it, and what it adds. */
export interface GraphStep {
  /** null: the internet, or an object the scan does not hold (a built-in role is `builtIn`). */
  object: KubeObject | null;
  at: YNode | YPair | null;
  label: string;
  note: string;
  /** Set on the link to cut to remove the finding: what to change there. */
  cut?: string;
}

export interface ServiceAccountUse {
  name: string;
  namespace: string | null;
  object: KubeObject | null;
  mounted: boolean;
  /** Why the token is or is not mounted, in a phrase. */
  why: string;
  /** Where the workload names its account (serviceAccountName), or its pod spec. */
  at: YNode | YPair;
  /** Kubescape's reading (workload-with-cluster-takeover-roles is_sa_auto_mounted): needs the ServiceAccount in the scan. */
  kubescapeMounted: boolean;
}

export interface TokenGrant {
  binding: KubeObject;
  /** The subject entry that names the account (or its group). */
  subject: YMap;
  role: ResolvedRole;
  scope: 'cluster' | 'namespace';
  powers: Power[];
  /** Kubescape C-0267's own condition holds (see kubescapeTakeover). */
  kubescapeTakeover: boolean;
}

export type RouteKind = 'LoadBalancer' | 'NodePort' | 'externalIPs' | 'Ingress' | 'HTTPRoute' | 'hostPort';

export interface Route {
  how: RouteKind;
  /** From the internet to the workload, the workload excluded. */
  steps: GraphStep[];
  /** Kubescape C-0256's own condition holds for this route (exposure-to-internet). */
  kubescape: boolean;
}

export interface WorkloadFacts {
  object: KubeObject;
  account: ServiceAccountUse;
  /** Every binding whose subjects include the account, whatever its role grants. */
  bindings: KubeObject[];
  /** The bindings that give the account a power (rbac-powers.ts), with what each gives. */
  grants: TokenGrant[];
  routes: Route[];
  /** NetworkPolicies that select the pod for ingress: none, one allowing any source, or only restricted sources. */
  ingressPolicy: 'none' | 'open' | 'restricted';
  /** The NetworkPolicies that select the pod for ingress. */
  policies: KubeObject[];
  internetFacing: boolean;
}

const graphs = new WeakMap<ClusterIndex, ObjectGraph>();

/** The graph of an index, built once. */
export function objectGraph(index: ClusterIndex): ObjectGraph {
  let g = graphs.get(index);
  if (!g) graphs.set(index, (g = new ObjectGraph(index)));
  return g;
}

export const refText = (o: KubeObject) => `${o.kind}/${o.name}`;

export class ObjectGraph {
  /**
   * Weak: in a bounded scan the object asked about is the full tree being checked, not the index's
   * copy, and a strong map kept every checked file's tree alive until the scan ended (165 MB of the
   * live heap at 18,000 files, measured with gc() before and after).
   */
  private readonly facts = new WeakMap<KubeObject, WorkloadFacts>();
  private subjects: Map<string, { binding: KubeObject; subject: YMap }[]> | null = null;
  private accounts: Map<string, KubeObject[]> | null = null;

  constructor(readonly index: ClusterIndex) {}

  workload(o: KubeObject): WorkloadFacts | null {
    if (!o.pod || o.kind === 'PodTemplate') return null;
    let f = this.facts.get(o);
    if (!f) this.facts.set(o, (f = this.build(o)));
    return f;
  }

  /** Workloads (with their facts) that run as ServiceAccount `name` in `namespace`. */
  workloadsOf(namespace: string | null, name: string): WorkloadFacts[] {
    if (!this.accounts) {
      this.accounts = new Map();
      for (const o of this.index.objects) {
        if (!o.pod || o.kind === 'PodTemplate') continue;
        append(this.accounts, `${effectiveNamespace(o)}\0${accountName(o)}`, o);
      }
    }
    return (this.accounts.get(`${namespace}\0${name}`) ?? []).map((o) => this.workload(o)!);
  }

  /** The workloads whose mounted token a binding's subjects give the binding's role, and the grant each gets. */
  carriersOf(binding: KubeObject): { workload: WorkloadFacts; grant: TokenGrant }[] {
    const out: { workload: WorkloadFacts; grant: TokenGrant }[] = [];
    const seen = new Set<KubeObject>();
    for (const subject of binding.node.maps('subjects')) {
      for (const key of subjectKeys(binding, subject)) {
        const [ns, name] = key.split('\0');
        const candidates = name === '*' ? this.index.objects.filter((o) => o.pod && o.kind !== 'PodTemplate' && (ns === '*' || effectiveNamespace(o) === ns)).map((o) => this.workload(o)!) : this.workloadsOf(ns, name);
        for (const w of candidates) {
          if (seen.has(w.object) || !w.account.mounted) continue;
          const grant = w.grants.find((g) => sameObject(g.binding, binding));
          if (!grant) continue;
          seen.add(w.object);
          out.push({ workload: w, grant });
        }
      }
    }
    return out;
  }

  /** Weak for the same reason as `facts`: a checked binding is its file's full tree. */
  private readonly roles = new WeakMap<KubeObject, { role: ResolvedRole; powers: Power[] } | null>();

  /** A binding's role and what it grants, resolved once: the bindings of a shared account (default) serve many workloads. */
  private roleOf(binding: KubeObject): { role: ResolvedRole; powers: Power[] } | null {
    let r = this.roles.get(binding);
    if (r === undefined) {
      const role = resolveRole(this.index, binding);
      this.roles.set(binding, (r = role ? { role, powers: powersOf(role.rules) } : null));
    }
    return r;
  }

  private bindingsBySubject(): Map<string, { binding: KubeObject; subject: YMap }[]> {
    if (!this.subjects) {
      this.subjects = new Map();
      for (const b of this.index.ofKind('RoleBinding', 'ClusterRoleBinding'))
        for (const s of b.node.maps('subjects')) for (const key of subjectKeys(b, s)) append(this.subjects, key, { binding: b, subject: s });
    }
    return this.subjects;
  }

  private build(o: KubeObject): WorkloadFacts {
    const account = accountOf(this.index, o);
    const grants: TokenGrant[] = [];
    const bindings: KubeObject[] = [];
    const keys = [`${account.namespace}\0${account.name}`, `${account.namespace}\0*`, '*\0*'];
    const matched: { binding: KubeObject; subject: YMap }[] = [];
    for (const key of keys) matched.push(...(this.bindingsBySubject().get(key) ?? []));
    // One copy of each binding: the one beside the workload (a repository of per-environment installs holds several).
    const chosen = new Set(nearestCopies(matched.map((m) => m.binding), o));
    const seen = new Set<KubeObject>();
    for (const { binding, subject } of matched) {
      if (seen.has(binding) || !chosen.has(binding)) continue;
      seen.add(binding);
      bindings.push(binding);
      const resolved = this.roleOf(binding);
      if (!resolved) continue;
      const { role, powers } = resolved;
      if (!powers.length) continue;
      grants.push({ binding, subject, role, scope: binding.kind === 'ClusterRoleBinding' ? 'cluster' : 'namespace', powers, kubescapeTakeover: kubescapeTakeover(account, binding, subject, role) });
    }
    const routes = routesTo(this.index, o);
    const { policy: ingressPolicy, policies } = ingressPolicyOf(this.index, o);
    return { object: o, account, bindings, grants, routes, ingressPolicy, policies, internetFacing: routes.length > 0 && ingressPolicy !== 'restricted' };
  }
}

function accountName(o: KubeObject): string {
  return o.pod!.spec.str('serviceAccountName') ?? o.pod!.spec.str('serviceAccount') ?? 'default';
}

/**
 * The ServiceAccount keys (namespace \0 name, `*` for any) a subject stands for, as the RBAC
 * authorizer matches them (appliesToUser): a ServiceAccount subject (its namespace defaults to a
 * RoleBinding's own), the user name `system:serviceaccount:<ns>:<name>`, and the groups
 * `system:serviceaccounts[:<ns>]` and `system:authenticated` that every token belongs to.
 */
function subjectKeys(binding: KubeObject, s: YMap): string[] {
  const kind = s.str('kind');
  const name = s.str('name') ?? '';
  if (kind === 'ServiceAccount') {
    const ns = s.str('namespace') ?? (binding.kind === 'RoleBinding' ? (binding.namespace ?? 'default') : null);
    return ns === null ? [] : [`${ns}\0${name}`];
  }
  if (kind === 'User') {
    const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(name);
    return m ? [`${m[1]}\0${m[2]}`] : [];
  }
  if (kind === 'Group') {
    if (name === 'system:serviceaccounts' || name === 'system:authenticated') return ['*\0*'];
    const m = /^system:serviceaccounts:([^:]+)$/.exec(name);
    return m ? [`${m[1]}\0*`] : [];
  }
  return [];
}

/** The account a workload runs as, and whether the kubelet mounts its token into the pod. */
function accountOf(index: ClusterIndex, o: KubeObject): ServiceAccountUse {
  const spec = o.pod!.spec;
  const name = accountName(o);
  const namespace = effectiveNamespace(o);
  const sa = index.findNear('ServiceAccount', name, namespace, o) ?? null;
  const named = spec.pairOf('serviceAccountName') ?? spec.pairOf('serviceAccount');
  const at: YNode | YPair = named ?? spec.pair ?? spec;
  const podSetting = spec.bool('automountServiceAccountToken');
  const saSetting = sa?.node.bool('automountServiceAccountToken');
  const projected = spec.maps('volumes').some((v) => v.map('projected')?.maps('sources').some((src) => src.get('serviceAccountToken') !== undefined));
  const kubescapeMounted = sa !== null && (podSetting === true || (podSetting === undefined && saSetting !== false));
  if (podSetting === true) return { name, namespace, object: sa, mounted: true, why: 'automountServiceAccountToken: true', at, kubescapeMounted };
  if (projected) return { name, namespace, object: sa, mounted: true, why: 'a projected serviceAccountToken volume', at, kubescapeMounted };
  if (podSetting === false) return { name, namespace, object: sa, mounted: false, why: 'the pod sets automountServiceAccountToken: false', at, kubescapeMounted };
  if (saSetting === false) return { name, namespace, object: sa, mounted: false, why: 'the ServiceAccount sets automountServiceAccountToken: false', at, kubescapeMounted };
  return { name, namespace, object: sa, mounted: true, why: 'mounted by default', at, kubescapeMounted };
}

/**
 * Kubescape C-0267 (workload-with-cluster-takeover-roles) reads objects literally: the
 * ServiceAccount and the role must be in the scan, the subject must name the account by kind,
 * name and the same written namespace, and the role must list `pods` or `*` with create, update,
 * patch or `*` (or `secrets`/`*` with get, list, watch or `*`) in the core group or `*`.
 */
function kubescapeTakeover(account: ServiceAccountUse, binding: KubeObject, subject: YMap, role: ResolvedRole): boolean {
  if (!account.kubescapeMounted || !account.object || !role.object || role.builtIn) return false;
  if (subject.str('kind') !== 'ServiceAccount' || subject.str('name') !== account.name) return false;
  const written = account.object.namespace;
  if (written === null || subject.str('namespace') !== written) return false;
  const lit = (xs: YScalar[], allowed: string[]) => xs.some((x) => allowed.includes(String(x.value)));
  return policyRules(role.object).some((r) => {
    if (!lit(r.apiGroups, ['', '*'])) return false;
    return (lit(r.resources, ['pods', '*']) && lit(r.verbs, ['create', 'update', 'patch', '*'])) || (lit(r.resources, ['secrets', '*']) && lit(r.verbs, ['get', 'list', 'watch', '*']));
  }) && binding.node.map('roleRef')?.str('kind') === role.kind;
}

/** Annotations that make a cloud load balancer internal (AWS, Azure, GCP, Oracle, IBM, DigitalOcean, Alibaba). */
const INTERNAL_LB: [string, RegExp][] = [
  ['service.beta.kubernetes.io/aws-load-balancer-internal', /^(true|0\.0\.0\.0\/0|1)$/i],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', /^internal$/i],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', /^true$/i],
  ['networking.gke.io/load-balancer-type', /^internal$/i],
  ['cloud.google.com/load-balancer-type', /^internal$/i],
  ['service.beta.kubernetes.io/oci-load-balancer-internal', /^true$/i],
  ['service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type', /^private$/i],
  ['service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type', /^intranet$/i],
];

function internalLoadBalancer(svc: KubeObject): boolean {
  if (INTERNAL_LB.some(([k, re]) => re.test(svc.annotations[k] ?? ''))) return true;
  // Source ranges other than "anywhere" limit who reaches it.
  const ranges = svc.node.map('spec')?.seq('loadBalancerSourceRanges')?.strings() ?? [];
  return ranges.length > 0 && !ranges.some((r) => /^(0\.0\.0\.0\/0|::\/0)$/.test(r.trim()));
}

const INTERNET: GraphStep = { object: null, at: null, label: 'Internet', note: '' };

const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute'];

/**
 * What routesTo looks up, indexed once per index: Services by one pair of their selector, and
 * Ingresses and Gateway routes by the Service they name. Each lookup then keeps what
 * nearestCopies over the whole namespace would: per object identity, the copy nearest to the
 * asker, when that copy still matches (a search of the namespace per workload was quadratic in
 * its size: 0.43 s of a 4,500-file scan).
 */
class RouteIndex {
  /** Services by `namespace \0 key \0 value` of their selector's first pair. */
  private readonly services = new Map<string, KubeObject[]>();
  private readonly selectors = new Map<KubeObject, LabelSelector>();
  /** Ingresses by `namespace \0 Service name` of each backend; Gateway routes the same. */
  private readonly ingresses = new Map<string, KubeObject[]>();
  private readonly routes = new Map<string, KubeObject[]>();

  constructor(private readonly index: ClusterIndex) {
    for (const svc of index.ofKind('Service')) {
      const sel = svc.node.map('spec')?.map('selector');
      if (!sel || !sel.pairs.length) continue;
      const labels = Object.fromEntries(sel.pairs.filter((p) => p.value instanceof YScalar).map((p) => [p.keyText, String((p.value as YScalar).text)]));
      this.selectors.set(svc, new LabelSelector(labels, []));
      const first = Object.entries(labels)[0];
      // A selector of only non-scalar values selects every pod, as an empty LabelSelector does.
      append(this.services, first ? `${effectiveNamespace(svc)}\0${first[0]}\0${first[1]}` : `${effectiveNamespace(svc)}\0*`, svc);
    }
    for (const ing of index.ofKind('Ingress')) for (const name of new Set(ingressBackends(ing).map((b) => b.name))) append(this.ingresses, `${effectiveNamespace(ing)}\0${name}`, ing);
    for (const route of index.ofKind(...ROUTE_KINDS)) {
      const keys = new Set<string>();
      for (const b of route.node.map('spec')?.maps('rules').flatMap((r) => r.maps('backendRefs')) ?? []) {
        if ((b.str('kind') ?? 'Service') !== 'Service' || !b.str('name')) continue;
        keys.add(`${b.str('namespace') ?? effectiveNamespace(route)}\0${b.str('name')}`);
      }
      for (const k of keys) append(this.routes, k, route);
    }
  }

  /** Services in the workload's namespace whose selector selects its pods. */
  servicesSelecting(o: KubeObject): KubeObject[] {
    const labels = podLabels(o);
    const ns = effectiveNamespace(o);
    const candidates = [...(this.services.get(`${ns}\0*`) ?? [])];
    for (const [k, v] of Object.entries(labels)) candidates.push(...(this.services.get(`${ns}\0${k}\0${v}`) ?? []));
    const selects = (svc: KubeObject) => this.selectors.get(svc)?.matches(labels) ?? false;
    return this.nearestMatching(candidates.filter(selects), o, selects, [0]);
  }

  /** Ingresses in the Service's namespace with a backend naming it. */
  ingressesTo(svc: KubeObject): KubeObject[] {
    const list = this.ingresses.get(`${effectiveNamespace(svc)}\0${svc.name}`) ?? [];
    return this.nearestMatching(list, svc, (ing) => ingressBackends(ing).some((b) => b.name === svc.name), [0]);
  }

  /** Gateway routes (any namespace) with a backendRef naming the Service. */
  routesTo(svc: KubeObject): KubeObject[] {
    const list = this.routes.get(`${effectiveNamespace(svc)}\0${svc.name}`) ?? [];
    const naming = new Set(list);
    return this.nearestMatching(list, svc, (route) => naming.has(route), ROUTE_KINDS);
  }

  /**
   * Of the identities among `candidates`, the copy of each nearest to `near`, kept when it still
   * `matches`; in the order nearestCopies gives over the kinds' lists: by kind (`kinds`: [0] for
   * one kind), then by each identity's first copy in the index.
   */
  private nearestMatching(candidates: KubeObject[], near: { path: string }, matches: (o: KubeObject) => boolean, kinds: (string | number)[]): KubeObject[] {
    const out: { o: KubeObject; rank: number; at: number }[] = [];
    const seen = new Set<KubeObject>();
    for (const c of candidates) {
      const copies = this.index.copiesOf(c);
      if (seen.has(copies[0])) continue;
      seen.add(copies[0]);
      const n = nearest(copies, near);
      if (matches(n)) out.push({ o: n, rank: kinds.length > 1 ? kinds.indexOf(n.kind) : 0, at: this.index.positionOf(copies[0]) });
    }
    return out.sort((a, b) => a.rank - b.rank || a.at - b.at).map((x) => x.o);
  }
}

const routeIndexes = new WeakMap<ClusterIndex, RouteIndex>();

function routeIndex(index: ClusterIndex): RouteIndex {
  let r = routeIndexes.get(index);
  if (!r) routeIndexes.set(index, (r = new RouteIndex(index)));
  return r;
}

/** Every way from outside the cluster to the workload's pods. */
function routesTo(index: ClusterIndex, o: KubeObject): Route[] {
  const out: Route[] = [];
  const lookups = routeIndex(index);
  const services = lookups.servicesSelecting(o);
  for (const svc of services) {
    const spec = svc.node.map('spec');
    const type = spec?.str('type') ?? 'ClusterIP';
    const typePair = spec?.pairOf('type') ?? null;
    const kubescapeType = type === 'NodePort' || type === 'LoadBalancer';
    if (type === 'LoadBalancer' && !internalLoadBalancer(svc)) out.push({ how: 'LoadBalancer', steps: [INTERNET, { object: svc, at: typePair, label: refText(svc), note: 'LoadBalancer' }], kubescape: true });
    else if (type === 'NodePort') out.push({ how: 'NodePort', steps: [INTERNET, { object: svc, at: typePair, label: refText(svc), note: 'NodePort on every node' }], kubescape: true });
    const ips = spec?.pairOf('externalIPs');
    if (ips && (spec?.seq('externalIPs')?.items.length ?? 0) > 0) out.push({ how: 'externalIPs', steps: [INTERNET, { object: svc, at: ips, label: refText(svc), note: 'externalIPs' }], kubescape: false });
    for (const ing of lookups.ingressesTo(svc)) {
      const backends = ingressBackends(ing).filter((b) => b.name === svc.name);
      // Kubescape: a Service of another type, the Ingress's written namespace equal to the Service's, a rules[].http.paths[] backend.
      const ks = !kubescapeType && ing.namespace !== null && ing.namespace === svc.namespace && backends.some((b) => b.inRules);
      out.push({ how: 'Ingress', steps: [INTERNET, { object: ing, at: backends[0].at, label: refText(ing), note: 'routes to the Service' }, { object: svc, at: typePair ?? svc.node.pairOf('kind') ?? null, label: refText(svc), note: type }], kubescape: ks });
    }
    for (const route of lookups.routesTo(svc)) {
      const ref = route.node.map('spec')?.maps('rules').flatMap((r) => r.maps('backendRefs')).find((b) => (b.str('kind') ?? 'Service') === 'Service' && b.str('name') === svc.name && (b.str('namespace') ?? effectiveNamespace(route)) === effectiveNamespace(svc));
      if (ref) out.push({ how: 'HTTPRoute', steps: [INTERNET, { object: route, at: ref.pairOf('name') ?? ref, label: refText(route), note: 'Gateway route to the Service' }, { object: svc, at: typePair ?? svc.node.pairOf('kind') ?? null, label: refText(svc), note: type }], kubescape: false });
    }
  }
  for (const c of o.pod!.containers) {
    for (const port of c.node.maps('ports')) {
      const hp = port.pairOf('hostPort');
      if (hp && hp.value instanceof YScalar && Number(hp.value.value) > 0) {
        out.push({ how: 'hostPort', steps: [INTERNET, { object: o, at: hp, label: refText(o), note: `hostPort ${hp.value.text} on its node` }], kubescape: false });
        break;
      }
    }
  }
  return out;
}

function ingressBackends(ing: KubeObject): { name: string; at: YNode | YPair; inRules: boolean }[] {
  const spec = ing.node.map('spec');
  const out: { name: string; at: YNode | YPair; inRules: boolean }[] = [];
  const add = (b: YMap | undefined, inRules: boolean) => {
    const svc = b?.map('service');
    const name = svc?.str('name') ?? b?.str('serviceName');
    if (name) out.push({ name, at: svc?.pairOf('name') ?? b!.pairOf('serviceName') ?? b!, inRules });
  };
  add(spec?.map('defaultBackend') ?? spec?.map('backend'), false);
  for (const r of spec?.maps('rules') ?? []) for (const p of r.map('http')?.maps('paths') ?? []) add(p.map('backend'), true);
  return out;
}

/** How the NetworkPolicies that select the pod for ingress treat sources (see WorkloadFacts.ingressPolicy). */
function ingressPolicyOf(index: ClusterIndex, o: KubeObject): { policy: WorkloadFacts['ingressPolicy']; policies: KubeObject[] } {
  const labels = podLabels(o);
  const policies: KubeObject[] = [];
  let open = false;
  for (const np of nearestCopies(index.inNamespace('NetworkPolicy', effectiveNamespace(o)), o)) {
    const spec = np.node.map('spec');
    if (!LabelSelector.fromSelector(spec?.map('podSelector')).matches(labels)) continue;
    const types = spec?.seq('policyTypes')?.strings();
    // policyTypes defaults to Ingress (plus Egress when egress rules are written).
    if (types && !types.includes('Ingress')) continue;
    policies.push(np);
    for (const rule of spec?.maps('ingress') ?? []) {
      const from = rule.seq('from');
      if (!from || !from.items.length) open = true;
      else if (rule.maps('from').some((peer) => /^(0\.0\.0\.0\/0|::\/0)$/.test(peer.map('ipBlock')?.str('cidr') ?? ''))) open = true;
    }
  }
  return { policy: !policies.length ? 'none' : open ? 'open' : 'restricted', policies };
}

/** Every other object the workload's facts rest on: its ServiceAccount, bindings, roles, routes and policies. */
export function relatedObjects(w: WorkloadFacts): KubeObject[] {
  const out: KubeObject[] = [...w.bindings, ...w.policies];
  if (w.account.object) out.push(w.account.object);
  for (const g of w.grants) if (g.role.object && !g.role.builtIn) out.push(g.role.object);
  for (const r of w.routes) for (const s of r.steps) if (s.object && s.object !== w.object) out.push(s.object);
  return out;
}
