// The chains of objects the graph rules report: from the internet (when the workload is reached
// from outside) through the workload and its ServiceAccount to the binding and role that give the
// token its power. Each step is a named object and the node to point at.

import type { Severity } from '../types.js';
import { refText, type GraphStep, type Route, type TokenGrant, type WorkloadFacts } from './object-graph.js';
import { POWER_TEXT, TAKEOVER_POWERS } from './rbac-powers.js';

/** What a grant lets the token do, as one class (strongest first); the classes are the risk model's features. */
export type GrantClass = 'cluster-takeover' | 'secrets-cluster' | 'namespace-takeover' | 'secrets-namespace' | 'exec';

export function grantClass(g: TokenGrant): GrantClass {
  const takeover = g.powers.some((p) => TAKEOVER_POWERS.has(p));
  const secrets = g.powers.includes('read-secrets');
  if (g.scope === 'cluster') {
    if (takeover) return 'cluster-takeover';
    if (secrets) return 'secrets-cluster';
  } else {
    if (takeover) return 'namespace-takeover';
    if (secrets) return 'secrets-namespace';
  }
  return 'exec';
}

/** The message prefix of each class: the risk model's features read it (features.ts), so it is fixed. */
export const CLASS_PREFIX: Record<GrantClass, string> = {
  'cluster-takeover': 'cluster takeover',
  'secrets-cluster': 'reads every Secret in the cluster',
  'namespace-takeover': 'namespace takeover',
  'secrets-namespace': 'reads the Secrets of its namespace',
  exec: 'exec into pods',
};

/** Severity of a token finding: the class, one step lower when nothing outside the cluster reaches the workload. */
export function grantSeverity(c: GrantClass, internetFacing: boolean): Severity {
  const exposed: Record<GrantClass, Severity> = { 'cluster-takeover': 'critical', 'secrets-cluster': 'high', 'namespace-takeover': 'high', 'secrets-namespace': 'medium', exec: 'medium' };
  const inside: Record<GrantClass, Severity> = { 'cluster-takeover': 'medium', 'secrets-cluster': 'medium', 'namespace-takeover': 'medium', 'secrets-namespace': 'low', exec: 'low' };
  return (internetFacing ? exposed : inside)[c];
}

/** The route a chain starts with: the most direct (a LoadBalancer before an Ingress before a node port). */
export function entryRoute(w: WorkloadFacts): Route | null {
  if (!w.internetFacing) return null;
  const order = ['LoadBalancer', 'Ingress', 'HTTPRoute', 'externalIPs', 'NodePort', 'hostPort'];
  return [...w.routes].sort((a, b) => order.indexOf(a.how) - order.indexOf(b.how))[0] ?? null;
}

const policyNote = (w: WorkloadFacts) => (w.ingressPolicy === 'none' ? 'no NetworkPolicy' : 'a NetworkPolicy allows any source');

export function routeText(r: Route, w: WorkloadFacts): string {
  const via = r.steps.slice(1).filter((s) => s.object !== w.object).map((s) => `${s.label} (${s.note})`);
  return `${via.length ? via.join(' → ') : r.steps[r.steps.length - 1].note}, ${policyNote(w)}`;
}

export function workloadStep(w: WorkloadFacts, note = ''): GraphStep {
  // The account's name, else the pod spec's first line: an index copy keeps both where they are written (not the `spec:` key).
  const spec = w.object.pod!.spec;
  return { object: w.object, at: spec.pairOf('serviceAccountName') ?? spec.pairOf('serviceAccount') ?? spec, label: refText(w.object), note };
}

/** Internet → route → workload → ServiceAccount → binding → role. */
export function tokenChain(w: WorkloadFacts, g: TokenGrant): GraphStep[] {
  const route = entryRoute(w);
  const steps: GraphStep[] = [];
  if (route) {
    steps.push(...route.steps.filter((s) => s.object !== w.object));
    steps[steps.length - 1] = { ...steps[steps.length - 1], note: `${steps[steps.length - 1].note}, ${policyNote(w)}` };
  }
  steps.push(workloadStep(w, route?.how === 'hostPort' ? route.steps[1].note : ''));
  steps.push({ object: w.account.object, at: w.account.object?.node.pairOf('automountServiceAccountToken') ?? null, label: `ServiceAccount/${w.account.name}`, note: `token mounted: ${w.account.why}` });
  steps.push({
    object: g.binding,
    at: g.subject,
    label: refText(g.binding),
    note: g.scope === 'cluster' ? 'cluster-wide' : `in namespace ${g.binding.namespace ?? 'default'}`,
    cut: `remove ServiceAccount ${w.account.name} from its subjects, or bind a narrower role (the app keeps its token for what it needs)`,
  });
  steps.push({ object: g.role.builtIn ? null : g.role.object, at: g.role.object?.node.pairOf('rules') ?? null, label: `${g.role.kind}/${g.role.name}`, note: `${g.role.builtIn ? 'built-in; ' : ''}${powersText(g)}` });
  return steps;
}

/** What a grant gives, in words: "use every verb on every resource" says all for a superuser. */
export function powersText(g: TokenGrant): string {
  return (g.powers.includes('superuser') ? (['superuser'] as const) : g.powers).map((p) => POWER_TEXT[p]).join('; ');
}
