import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { policyRules } from './rbac.js';
import type { YScalar } from '../../core/yaml/ast.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/rbac-wildcard',
    title: 'RBAC rule uses wildcards',
    severity: 'high',
    target: 'kubernetes',
    catalog: ['K54'],
    description: 'A `*` in verbs, resources or apiGroups grants everything that exists now and everything added later (new CRDs, subresources such as `pods/exec`). `*` on all three is cluster-admin.',
    remediation: 'List the exact verbs, resources and API groups the subject needs.',
    decisions: 'One finding per wildcard field of a policy rule, at its `*`, as KICS reports them. Each carries only the peer checks whose own condition holds: Trivy\'s KSV-0044 (`*` in all three fields) and KSV-0045 (`*` verbs on secrets, pods, workloads, RBAC objects, users or groups) on the verbs finding; KSV-0046 (ClusterRole) and KSV-0112 (Role), `*` resources with create, update, delete, deletecollection, impersonate, list, get or `*`, on the resources finding; kube-linter checks verbs and resources only.',
    conditions: [
      { id: 'apiGroups', when: 'a policy rule\'s apiGroups holds `*`', references: ['checkov:CKV_K8S_49', 'kubescape:C-0187', 'kics:6b896afb-ca07-467a-b256-1a0077a1c08e', 'datree:CIS_INVALID_WILDCARD_ROLE'] },
      { id: 'resources', when: 'a policy rule\'s resources holds `*`', references: ['checkov:CKV_K8S_49', 'kube-linter:wildcard-in-rules', 'kubescape:C-0187', 'kics:6b896afb-ca07-467a-b256-1a0077a1c08e', 'datree:CIS_INVALID_WILDCARD_ROLE'] },
      { id: 'verbs', when: 'a policy rule\'s verbs holds `*`', references: ['checkov:CKV_K8S_49', 'kube-linter:wildcard-in-rules', 'kubescape:C-0187', 'kics:6b896afb-ca07-467a-b256-1a0077a1c08e', 'datree:CIS_INVALID_WILDCARD_ROLE'] },
      { id: 'any-any', when: 'apiGroups, resources and verbs all hold `*` (reported on the verbs finding)', references: ['trivy:KSV-0044'] },
      { id: 'any-verb-sensitive', when: 'verbs holds `*` and resources names secrets, pods, deployments, daemonsets, statefulsets, replicationcontrollers, replicasets, cronjobs, jobs, roles, clusterroles, rolebindings, clusterrolebindings, users or groups', references: ['trivy:KSV-0045'] },
      { id: 'clusterrole-all-resources', when: 'a ClusterRole\'s resources holds `*` with create, update, delete, deletecollection, impersonate, list, get or `*`', references: ['trivy:KSV-0046'] },
      { id: 'role-all-resources', when: 'a Role\'s resources holds `*` with create, update, delete, deletecollection, impersonate, list, get or `*`', references: ['trivy:KSV-0112'] },
    ],
    references: ['trivy:KSV-0044', 'trivy:KSV-0045', 'trivy:KSV-0046', 'trivy:KSV-0112', 'checkov:CKV_K8S_49', 'kube-linter:wildcard-in-rules', 'kubescape:C-0187', 'kics:6b896afb-ca07-467a-b256-1a0077a1c08e', 'datree:CIS_INVALID_WILDCARD_ROLE'],
    fix: { available: false, note: 'The needed permissions are the owner\'s knowledge.' },
  },
  check(ctx) {
    const o = ctx.object;
    const star = (list: YScalar[]) => list.find((s) => String(s.value).trim() === '*');
    for (const r of policyRules(o)) {
      const fields = { apiGroups: star(r.apiGroups), resources: star(r.resources), verbs: star(r.verbs) };
      const all = Boolean(fields.apiGroups && fields.resources && fields.verbs);
      const verbs = r.verbs.map((v) => String(v.value).trim());
      const resources = r.resources.map((v) => String(v.value).trim());
      for (const name of ['apiGroups', 'resources', 'verbs'] as const) {
        const at = fields[name];
        if (!at) continue;
        const conditions: string[] = [name];
        if (name === 'verbs' && all) conditions.push('any-any');
        if (name === 'verbs' && resources.some((x) => SENSITIVE.has(x))) conditions.push('any-verb-sensitive');
        if (name === 'resources' && verbs.some((v) => MANAGE_VERBS.has(v))) {
          if (o.kind === 'ClusterRole') conditions.push('clusterrole-all-resources');
          if (o.kind === 'Role') conditions.push('role-all-resources');
        }
        ctx.report({
          at,
          condition: conditions,
          message: all ? `${o.kind} ${o.name} grants every verb on every resource (equivalent to cluster-admin${o.kind === 'Role' ? ' in its namespace' : ''}): ${name} is *` : `${o.kind} ${o.name} uses a wildcard in ${name}`,
        });
      }
    }
  },
});

/** Trivy KSV-0045's resources. */
const SENSITIVE = new Set(['secrets', 'pods', 'deployments', 'daemonsets', 'statefulsets', 'replicationcontrollers', 'replicasets', 'cronjobs', 'jobs', 'roles', 'clusterroles', 'rolebindings', 'clusterrolebindings', 'users', 'groups']);
/** Trivy KSV-0046/0112's verbs. */
const MANAGE_VERBS = new Set(['create', 'update', 'delete', 'deletecollection', 'impersonate', '*', 'list', 'get']);
