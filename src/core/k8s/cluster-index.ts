// Everything scanned in one run, indexed for the checks that relate objects to each other:
// NetworkPolicies to pods, Services to pods, bindings to roles, pods to service accounts.

import { YMap, YScalar } from '../yaml/ast.js';
import { effectiveNamespace, stringMap, templateLabels, type KubeObject } from './objects.js';
import { append } from '../util/append.js';

export class ClusterIndex {
  readonly objects: KubeObject[];
  private readonly byKind = new Map<string, KubeObject[]>();
  private readonly byKey = new Map<string, KubeObject>();
  /** Workloads by namespace, with their pod labels computed once. */
  private readonly workloadsByNs = new Map<string | null, { object: KubeObject; labels: Record<string, string> }[]>();

  constructor(objects: KubeObject[]) {
    this.objects = objects;
    for (const o of objects) {
      append(this.byKind, o.kind, o);
      const ns = effectiveNamespace(o);
      const key = `${o.kind}\0${ns}\0${o.name}`;
      if (!this.byKey.has(key)) this.byKey.set(key, o);
      if (o.pod) append(this.workloadsByNs, ns, { object: o, labels: podLabels(o) });
      else {
        const labels = templateLabels(o);
        if (labels) append(this.workloadsByNs, ns, { object: o, labels });
      }
    }
  }

  ofKind(...kinds: string[]): KubeObject[] {
    return kinds.length === 1 ? (this.byKind.get(kinds[0]) ?? []) : kinds.flatMap((k) => this.byKind.get(k) ?? []);
  }

  // The lookups below are built on first use. A large repository puts many objects in one
  // namespace ("default"), so a search of the namespace per object is quadratic in its size.
  private byKindNs: Map<string, KubeObject[]> | null = null;
  private byLabel: Map<string, { object: KubeObject; labels: Record<string, string> }[]> | null = null;

  private byRoleRef: Map<string, KubeObject[]> | null = null;

  /** Bindings of `bindingKind` whose roleRef names `refKind` `refName` (in any namespace), in index order. */
  bindingsTo(bindingKind: string, refKind: string, refName: string): KubeObject[] {
    if (!this.byRoleRef) {
      this.byRoleRef = new Map();
      for (const b of this.ofKind('RoleBinding', 'ClusterRoleBinding')) {
        const ref = b.node.map('roleRef');
        // A missing kind or name matches nothing: \u0001 is no kind or name.
        append(this.byRoleRef, `${b.kind}\0${ref?.str('kind') ?? '\u0001'}\0${ref?.str('name') ?? '\u0001'}`, b);
      }
    }
    return this.byRoleRef.get(`${bindingKind}\0${refKind}\0${refName}`) ?? [];
  }

  private byKindLabel: Map<string, KubeObject[]> | null = null;

  /** Objects of `kind` (any namespace) whose own labels match `selector`, in index order. */
  labeled(kind: string, selector: LabelSelector): KubeObject[] {
    const required = Object.entries(selector.labels);
    let candidates = this.ofKind(kind);
    if (required.length) {
      if (!this.byKindLabel) {
        this.byKindLabel = new Map();
        for (const o of this.objects) for (const [k, v] of Object.entries(o.labels)) append(this.byKindLabel, `${o.kind}\0${k}\0${v}`, o);
      }
      for (const [k, v] of required) {
        const l = this.byKindLabel.get(`${kind}\0${k}\0${v}`) ?? [];
        if (l.length < candidates.length) candidates = l;
      }
    }
    return candidates.filter((o) => selector.matches(o.labels));
  }

  private positions: Map<KubeObject, number> | null = null;

  /** Where `o` is in the index (for putting lookups from several lists back in index order). */
  positionOf(o: KubeObject): number {
    if (!this.positions) this.positions = new Map(this.objects.map((x, i) => [x, i]));
    return this.positions.get(o) ?? -1;
  }

  /** Objects of `kind` whose effective namespace is `namespace`, in index order. */
  inNamespace(kind: string, namespace: string | null): KubeObject[] {
    if (!this.byKindNs) {
      this.byKindNs = new Map();
      for (const o of this.objects) append(this.byKindNs, `${o.kind}\0${effectiveNamespace(o)}`, o);
    }
    return this.byKindNs.get(`${kind}\0${namespace}`) ?? [];
  }

  find(kind: string, name: string, namespace: string | null): KubeObject | undefined {
    return this.byKey.get(`${kind}\0${namespace}\0${name}`);
  }

  private allByKey: Map<string, KubeObject[]> | null = null;

  /**
   * The object of that kind, name and namespace nearest to `near`: in its file, else the one whose
   * directory shares the longest prefix with its file's, else the first. A repository that keeps
   * one install per environment (aws/deploy.yaml, gcp/deploy.yaml) has several copies of each
   * object; a workload belongs with the copy beside it.
   */
  findNear(kind: string, name: string, namespace: string | null, near: { path: string }): KubeObject | undefined {
    const all = this.copiesByKey().get(`${kind}\0${namespace}\0${name}`);
    return all && nearest(all, near);
  }

  /** Every copy of `o` (same kind, effective namespace and name), in index order; `o` itself among them. */
  copiesOf(o: KubeObject): KubeObject[] {
    return this.copiesByKey().get(`${o.kind}\0${effectiveNamespace(o)}\0${o.name}`) ?? [o];
  }

  private copiesByKey(): Map<string, KubeObject[]> {
    if (!this.allByKey) {
      this.allByKey = new Map();
      for (const o of this.objects) append(this.allByKey, `${o.kind}\0${effectiveNamespace(o)}\0${o.name}`, o);
    }
    return this.allByKey;
  }



  private bySa: Map<string, KubeObject[]> | null = null;

  /** Workloads (not PodTemplates) in `namespace` that run as service account `name`. */
  workloadsWithServiceAccount(namespace: string | null, name: string): KubeObject[] {
    if (!this.bySa) {
      this.bySa = new Map();
      for (const list of this.workloadsByNs.values()) {
        for (const { object } of list) {
          if (object.kind === 'PodTemplate' || !object.pod) continue;
          const sa = object.pod!.spec.str('serviceAccountName') ?? object.pod!.spec.str('serviceAccount');
          if (sa) append(this.bySa, `${effectiveNamespace(object)}\0${sa}`, object);
        }
      }
    }
    return this.bySa.get(`${namespace}\0${name}`) ?? [];
  }

  /** Workloads in `namespace` whose pod labels match `selector`. */
  podsMatching(namespace: string | null, selector: LabelSelector): KubeObject[] {
    // A selector with matchLabels only needs the workloads carrying its rarest label: the
    // namespace's workloads with that label, in index order, then the full match.
    const required = Object.entries(selector.labels);
    let candidates = this.workloadsByNs.get(namespace) ?? [];
    if (required.length) {
      const lists = this.labelLists();
      for (const [k, v] of required) {
        const l = lists.get(`${namespace}\0${k}\0${v}`) ?? [];
        if (l.length < candidates.length) candidates = l;
      }
    }
    return candidates.filter((w) => selector.matches(w.labels)).map((w) => w.object);
  }

  private labelLists(): Map<string, { object: KubeObject; labels: Record<string, string> }[]> {
    if (!this.byLabel) {
      this.byLabel = new Map();
      for (const [ns, list] of this.workloadsByNs) for (const w of list) for (const [k, v] of Object.entries(w.labels)) append(this.byLabel, `${ns}\0${k}\0${v}`, w);
    }
    return this.byLabel;
  }

  hasWorkloadsIn(namespace: string | null): boolean {
    return (this.workloadsByNs.get(namespace)?.length ?? 0) > 0;
  }
}

/** Of `objects`, one per kind, namespace and name: the copy nearest to `near` (see findNear), in first-seen order. */
export function nearestCopies(objects: KubeObject[], near: { path: string }): KubeObject[] {
  const groups = new Map<string, KubeObject[]>();
  for (const o of objects) append(groups, `${o.kind}\0${effectiveNamespace(o)}\0${o.name}`, o);
  return [...groups.values()].map((g) => nearest(g, near));
}

/** Of several copies of one object, the one nearest to `near` (see findNear). */
export function nearest<T extends { path: string }>(copies: T[], near: { path: string }): T {
  if (copies.length === 1) return copies[0];
  let best = copies[0];
  let bestScore = -1;
  for (const c of copies) {
    const score = c.path === near.path ? Number.MAX_SAFE_INTEGER : sharedDirs(c.path, near.path);
    if (score > bestScore) (best = c), (bestScore = score);
  }
  return best;
}

/** How many leading directories two paths share: the slashes reached while their texts agree. */
function sharedDirs(a: string, b: string): number {
  const end = Math.min(a.length, b.length);
  let n = 0;
  for (let i = 0; i < end; i++) {
    const c = a.charCodeAt(i);
    if (c !== b.charCodeAt(i)) break;
    if (c === 47 /* / */) n++;
  }
  return n;
}

export function podLabels(w: KubeObject): Record<string, string> {
  return stringMap(w.pod?.metadata?.map('labels'));
}

/** A Kubernetes label selector: `matchLabels` plus `matchExpressions`, or a plain map (Service). */
export class LabelSelector {
  constructor(
    readonly labels: Record<string, string>,
    readonly expressions: { key: string; operator: string; values: string[] }[],
  ) {}

  static fromSelector(node: YMap | undefined): LabelSelector {
    if (!node) return new LabelSelector({}, []);
    const matchLabels = node.map('matchLabels');
    const exprs = node.maps('matchExpressions').map((e) => ({
      key: e.str('key') ?? '',
      operator: e.str('operator') ?? '',
      values: e.seq('values')?.strings() ?? [],
    }));
    if (!matchLabels && !node.get('matchExpressions')) return new LabelSelector(stringMap(node), []);
    return new LabelSelector(stringMap(matchLabels), exprs);
  }

  get empty(): boolean {
    return Object.keys(this.labels).length === 0 && this.expressions.length === 0;
  }

  matches(labels: Record<string, string>): boolean {
    for (const [k, v] of Object.entries(this.labels)) if (labels[k] !== v) return false;
    for (const e of this.expressions) {
      const has = Object.prototype.hasOwnProperty.call(labels, e.key);
      switch (e.operator) {
        case 'In':
          if (!has || !e.values.includes(labels[e.key])) return false;
          break;
        case 'NotIn':
          if (has && e.values.includes(labels[e.key])) return false;
          break;
        case 'Exists':
          if (!has) return false;
          break;
        case 'DoesNotExist':
          if (has) return false;
          break;
        default:
          return false;
      }
    }
    return true;
  }
}

export function scalarText(node: unknown): string | undefined {
  return node instanceof YScalar && node.value !== null ? String(node.value) : undefined;
}
