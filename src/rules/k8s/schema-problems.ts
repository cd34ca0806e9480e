// Shared by k8s/unknown-field and k8s/invalid-value: one validation per object, and which places
// are security controls (a mistake there turns a control off, so it is reported as high).

import { typeOfKind, validateObject, type SchemaProblem } from '../../core/k8s/schema/api-schema.js';
import type { KubeObject } from '../../core/k8s/objects.js';

const cache = new WeakMap<KubeObject, SchemaProblem[]>();

export function schemaProblems(object: KubeObject): SchemaProblem[] {
  let found = cache.get(object);
  if (!found) {
    const type = typeOfKind(object.apiVersion, object.kind);
    found = type ? validateObject(object.node, type) : [];
    cache.set(object, found);
  }
  return found;
}

const RBAC_KINDS = new Set(['Role', 'ClusterRole']);

/** Under a securityContext, a host* setting, volumes, or an RBAC role's rules. */
export function isSecurityControl(object: KubeObject, path: string[]): boolean {
  if (path.some((p) => p === 'securityContext' || p === 'volumes' || p === 'volumeMounts' || /^host[A-Z]/.test(p) || p === 'automountServiceAccountToken')) return true;
  return RBAC_KINDS.has(object.kind) && (path[0] === 'rules' || path[0] === 'aggregationRule');
}
