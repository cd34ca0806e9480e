// Kubernetes objects as rules see them: kind, identity, the pod spec of workloads and their
// containers, all still pointing into the positioned YAML tree.

import { YMap, YScalar, type YNode } from '../yaml/ast.js';
import type { Ambiguity } from '../yaml/resolve.js';
import type { ResourceRef } from '../types.js';
import type { Position } from '../text.js';
import { detach } from '../util/detach.js';

export type ContainerKind = 'container' | 'initContainer' | 'ephemeralContainer';

export interface Container {
  node: YMap;
  kind: ContainerKind;
  name: string;
  image: string | null;
}

export interface PodSpec {
  /** The `spec` map of the pod (or pod template). */
  spec: YMap;
  /** The pod (template) metadata, where labels and annotations that reach the pod live. */
  metadata: YMap | null;
  containers: Container[];
}

export interface KubeObject {
  path: string;
  /** 0-based document index in the file. */
  documentIndex: number;
  /** Path of `items` indexes when the object came from a List. */
  itemIndex: number | null;
  node: YMap;
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string | null;
  metadata: YMap | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  pod: PodSpec | null;
  /** Keys whose value decoders disagree on (duplicates, merge order), found while resolving the YAML. */
  ambiguities: Ambiguity[];
  /** Lines of the object's nodes in its file, for findings on one object that name another (attack-path steps). */
  positions?: Positions;
}

/** Offset to line and column: the file's LineIndex, or an index copy's table of its own nodes (slim-object.ts). */
export interface Positions {
  position(offset: number): Position;
}

/** Where each workload kind keeps its pod template spec. */
const POD_SPEC_PATH: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template'],
  // OpenShift (apps.openshift.io/v1): a Deployment by another name. Any kind with a pod template
  // holding containers is read as a workload (EMBEDDED_TEMPLATE_PATHS), as Checkov and KICS read
  // it; named here, a DeploymentConfig is one even before its containers are written, as
  // kube-linter reads it.
  DeploymentConfig: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

export const WORKLOAD_KINDS = new Set(Object.keys(POD_SPEC_PATH));

export function isKubernetesDocument(node: YNode | null): node is YMap {
  return node instanceof YMap && typeof node.str('apiVersion') === 'string' && typeof node.str('kind') === 'string';
}

/** Expands `List` kinds (`kind: List`, `kind: DeploymentList`, …) into their items. */
export function objectsOf(path: string, documentIndex: number, node: YMap): KubeObject[] {
  const kind = node.str('kind') ?? '';
  const items = node.seq('items');
  if (kind.endsWith('List') && items) {
    const out: KubeObject[] = [];
    items.items.forEach((item, i) => {
      if (isKubernetesDocument(item)) out.push(makeObject(path, documentIndex, i, item));
    });
    return out;
  }
  return [makeObject(path, documentIndex, null, node)];
}

/**
 * Kinds repeat across a repository, and every resource and finding keeps its object's kind: one
 * detached copy each (util/detach.ts), up to a bound (the set is attacker-controlled).
 */
const KINDS = new Map<string, string>();

function kindOf(node: YMap): string {
  const kind = node.str('kind') ?? '';
  let kept = KINDS.get(kind);
  if (kept === undefined) {
    kept = detach(kind);
    if (KINDS.size < 1000) KINDS.set(kind, kept);
  }
  return kept;
}

export function makeObject(path: string, documentIndex: number, itemIndex: number | null, node: YMap): KubeObject {
  const kind = kindOf(node);
  const metadata = node.map('metadata') ?? null;
  return {
    path,
    documentIndex,
    itemIndex,
    node,
    apiVersion: node.str('apiVersion') ?? '',
    kind,
    // Detached: findings and resources keep these after the file's text is let go (util/detach.ts).
    name: detach(metadata?.str('name') ?? metadata?.str('generateName') ?? ''),
    namespace: detach(metadata?.str('namespace') ?? null),
    metadata,
    labels: stringMap(metadata?.map('labels')),
    annotations: stringMap(metadata?.map('annotations')),
    pod: podSpecOf(kind, node),
    ambiguities: [],
  };
}

/**
 * Custom resources that embed a pod template (Argo Rollout, Knative Service, OpenKruise, …)
 * are checked like workloads when the template sits where Kubernetes' own workloads keep it.
 */
const EMBEDDED_TEMPLATE_PATHS = [['spec', 'template'], ['spec', 'jobTemplate', 'spec', 'template']];

function podSpecOf(kind: string, node: YMap): PodSpec | null {
  let path = POD_SPEC_PATH[kind];
  if (!path && !CHECKED_KINDS.has(kind)) {
    path = EMBEDDED_TEMPLATE_PATHS.find((p) => {
      const t = node.at(...p);
      return t instanceof YMap && t.map('spec')?.seq('containers') !== undefined;
    }) as string[];
  }
  if (!path) return null;
  const holder = node.at(...path);
  if (!(holder instanceof YMap)) return null;
  // For Pod the path ends at `spec`; for templates it ends at `template`, which holds metadata + spec.
  const spec = kind === 'Pod' ? holder : holder.map('spec');
  if (!spec) return null;
  const metadata = kind === 'Pod' ? (node.map('metadata') ?? null) : (holder.map('metadata') ?? null);
  const containers: Container[] = [];
  const add = (key: string, k: ContainerKind) => {
    for (const c of spec.maps(key)) containers.push({ node: c, kind: k, name: detach(c.str('name') ?? ''), image: detach(c.str('image') ?? null) });
  };
  add('initContainers', 'initContainer');
  add('containers', 'container');
  add('ephemeralContainers', 'ephemeralContainer');
  return { spec, metadata, containers };
}

/**
 * The pod labels of a workload whose template has no pod spec (`spec.template.metadata.labels`
 * without `spec.template.spec`): not a workload riskgate checks, but one a Service or
 * NetworkPolicy selects, as kube-linter reads it. Null for other objects.
 */
export function templateLabels(o: KubeObject): Record<string, string> | null {
  const path = POD_SPEC_PATH[o.kind];
  if (o.pod || !path || o.kind === 'Pod' || o.kind === 'PodTemplate') return null;
  const template = o.node.at(...path);
  const labels = template instanceof YMap ? template.map('metadata')?.map('labels') : undefined;
  return labels ? stringMap(labels) : null;
}

export function stringMap(node: YMap | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!node) return out;
  for (const p of node.pairs) {
    if (p.value instanceof YScalar) out[p.keyText] = p.value.value === null ? '' : String(p.value.text);
  }
  return out;
}

export function refOf(o: KubeObject): ResourceRef {
  return { kind: o.kind, name: o.name, namespace: o.namespace };
}

/** Namespaced kinds default to `default` when no namespace is set; cluster-scoped kinds have none. */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'StorageClass', 'PriorityClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'APIService', 'CSIDriver', 'RuntimeClass',
  'IngressClass', 'PodSecurityPolicy', 'CertificateSigningRequest', 'VolumeAttachment',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

export function effectiveNamespace(o: KubeObject): string | null {
  return isClusterScoped(o.kind) ? null : (o.namespace ?? 'default');
}

/** Kinds riskgate has rules for; anything else is listed as "not checked". */
export const CHECKED_KINDS = new Set([
  ...WORKLOAD_KINDS,
  'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'Service', 'Ingress', 'NetworkPolicy',
  'Secret', 'ConfigMap', 'ServiceAccount', 'Namespace', 'EndpointSlice', 'Endpoints',
]);

/** Checked: a kind riskgate has rules for, or a custom resource that embeds a pod template. */
export function isChecked(o: KubeObject): boolean {
  return CHECKED_KINDS.has(o.kind) || o.pod !== null;
}

/**
 * The same object: same file, document and List item. Cross-object rules compare with this, not
 * with `===`: in a bounded scan the index holds compact copies (slim-object.ts), not the objects
 * being checked.
 */
export function sameObject(a: KubeObject, b: KubeObject): boolean {
  return a.path === b.path && a.documentIndex === b.documentIndex && a.itemIndex === b.itemIndex;
}
