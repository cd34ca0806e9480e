import { rbacGrantRule } from './rbac-grant-rule.js';
import { literally, type PolicyRule } from './rbac.js';

/** Trivy's verbs for "manage configmaps" (KSV-0049, KSV-0115). */
const MANAGE = ['create', 'update', 'patch', 'delete', 'deletecollection', 'impersonate', '*'];
const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'];

const names = (rule: PolicyRule) => rule.resourceNames;

export default rbacGrantRule(
  {
    id: 'k8s/rbac-configmap-tampering',
    title: 'Role can modify ConfigMaps',
    severity: 'medium',
    catalog: ['K64'],
    description: 'Write access to ConfigMaps can poison cluster configuration: CoreDNS\'s Corefile, ingress controller settings, or EKS\'s `aws-auth`, which maps IAM identities to Kubernetes groups.',
    remediation: 'Restrict write access with `resourceNames` to the ConfigMaps the subject owns.',
    decisions:
      'Evaluated as the RBAC authorizer evaluates a request; a rule limited by `resourceNames` is reported only when it names `aws-auth` or `coredns`. ' +
      'Trivy reads the rule text literally: KSV-0049 the resource written `configmaps` with one of its verbs, KSV-0115 the same with `aws-auth` among the resourceNames. A rule whose only verb on configmaps is `impersonate` grants nothing (Kubernetes impersonates only users, groups, ServiceAccounts, uids and user extras), so riskgate makes no finding; Trivy KSV-0049 and KSV-0115 counts `impersonate` among its verbs and fires on it. ' +
      'Kubescape C-0037 (CoreDNS poisoning) is cited where the role can update or patch the `coredns` ConfigMap: a ClusterRole, or a Role in kube-system (Kubescape also wants the ConfigMap and a binding in what it scans; a cluster always has them).',
    conditions: [
      { id: 'write', when: 'create, update, patch, delete or deletecollection on any ConfigMap', references: [] },
      { id: 'aws-auth', when: 'write access to the ConfigMap aws-auth (EKS maps IAM identities to Kubernetes groups through it)', references: [] },
      { id: 'coredns', when: 'update or patch on the ConfigMap coredns', references: [] },
      { id: 'kubescape-coredns', when: 'update or patch on configmaps (all, or coredns by name) in the core group, from a ClusterRole or a Role in kube-system', references: ['kubescape:C-0037'] },
      { id: 'trivy-manage', when: 'the rule writes the resource `configmaps` with one of Trivy\'s verbs', references: ['trivy:KSV-0049'] },
      { id: 'trivy-aws-auth', when: 'the rule writes the resource `configmaps`, one of Trivy\'s verbs and the resourceName `aws-auth`', references: ['trivy:KSV-0115'] },
    ],
    references: ['trivy:KSV-0049', 'trivy:KSV-0115', 'kubescape:C-0037'],
    fix: { available: false, note: 'The needed access is the owner\'s knowledge.' },
  },
  [
    { verbs: WRITE, resources: ['configmaps'], groups: [''], what: 'write access to ConfigMaps', condition: 'write' },
    { verbs: WRITE, resources: ['configmaps'], groups: [''], resourceNames: ['aws-auth'], what: 'write access to the aws-auth ConfigMap', condition: 'aws-auth' },
    { verbs: ['update', 'patch'], resources: ['configmaps'], groups: [''], resourceNames: ['coredns'], what: 'write access to the coredns ConfigMap', condition: 'coredns' },
  ],
  (o, rule) => {
    const out: string[] = [];
    if (literally(rule, ['configmaps'], MANAGE)) {
      out.push('trivy-manage');
      if (names(rule).includes('aws-auth')) out.push('trivy-aws-auth');
    }
    const inKubeSystem = o.kind === 'ClusterRole' || o.namespace === 'kube-system';
    const coreGroup = rule.apiGroups.some((g) => ['', '*'].includes(String(g.value).trim()));
    const coredns = !names(rule).length || names(rule).includes('coredns');
    if (inKubeSystem && coreGroup && coredns && literally(rule, ['configmaps', '*'], ['update', 'patch', '*'])) out.push('kubescape-coredns');
    return out;
  },
);
