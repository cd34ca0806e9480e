// Everything scanned in one run, indexed for the checks that relate objects to each other:
// NetworkPolicies to pods, Services to pods, bindings to roles, pods to service accounts.

import { YMap, YScalar } from '../yaml/ast.js';
import { effectiveNamespace, stringMap, type KubeObject } from './objects.js';

export class ClusterIndex {
  readonly objects: KubeObject[];
  private readonly byKind = new Map<string, KubeObject[]>();
  private readonly byKey = new Map<string, KubeObject>();
  /** Workloads by namespace, with their pod labels computed once. */
  private readonly workloadsByNs = new Map<string | null, { object: KubeObject; labels: Record<string, string> }[]>();

  constructor(objects: KubeObject[]) {
    this.objects = objects;
    for (const o of objects) {
      const list = this.byKind.get(o.kind);
      if (list) list.push(o);
      else this.byKind.set(o.kind, [o]);
      const ns = effectiveNamespace(o);
      const key = `${o.kind}\0${ns}\0${o.name}`;
      if (!this.byKey.has(key)) this.byKey.set(key, o);
      if (o.pod) {
        const w = this.workloadsByNs.get(ns);
        const entry = { object: o, labels: podLabels(o) };
        if (w) w.push(entry);
        else this.workloadsByNs.set(ns, [entry]);
      }
    }
  }

  ofKind(...kinds: string[]): KubeObject[] {
    return kinds.length === 1 ? (this.byKind.get(kinds[0]) ?? []) : kinds.flatMap((k) => this.byKind.get(k) ?? []);
  }

  find(kind: string, name: string, namespace: string | null): KubeObject | undefined {
    return this.byKey.get(`${kind}\0${namespace}\0${name}`);
  }

  private bySa: Map<string, KubeObject[]> | null = null;

  /** Workloads (not PodTemplates) in `namespace` that run as service account `name`. */
  workloadsWithServiceAccount(namespace: string | null, name: string): KubeObject[] {
    if (!this.bySa) {
      this.bySa = new Map();
      for (const list of this.workloadsByNs.values()) {
        for (const { object } of list) {
          if (object.kind === 'PodTemplate') continue;
          const sa = object.pod!.spec.str('serviceAccountName') ?? object.pod!.spec.str('serviceAccount');
          if (!sa) continue;
          const key = `${effectiveNamespace(object)}\0${sa}`;
          const l = this.bySa.get(key);
          if (l) l.push(object);
          else this.bySa.set(key, [object]);
        }
      }
    }
    return this.bySa.get(`${namespace}\0${name}`) ?? [];
  }

  /** Workloads in `namespace` whose pod labels match `selector`. */
  podsMatching(namespace: string | null, selector: LabelSelector): KubeObject[] {
    return (this.workloadsByNs.get(namespace) ?? []).filter((w) => selector.matches(w.labels)).map((w) => w.object);
  }

  hasWorkloadsIn(namespace: string | null): boolean {
    return (this.workloadsByNs.get(namespace)?.length ?? 0) > 0;
  }
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
