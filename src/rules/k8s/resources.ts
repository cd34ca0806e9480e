import { defineKubeRule, containerOwner } from '../../core/k8s/kube-rule.js';
import { describeContainer, eachContainer } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/resources',
    title: 'CPU or memory requests/limits not set',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K35'],
    description: 'Without a memory limit one compromised or leaking container can exhaust the node and evict its neighbours; without requests the scheduler over-commits nodes.',
    remediation: 'Set `resources.requests.cpu`, `resources.requests.memory` and `resources.limits.memory` (and `limits.cpu` if your policy wants it).',
    decisions: 'Every peer requires all four values. One finding per missing value, citing only that value\'s peer checks (KICS, Trivy and Checkov check each separately). CPU limits cause throttling and many teams omit them on purpose, so `requireCpuLimit` can be turned off.',
    params: { requireCpuLimit: { type: 'boolean', default: true, description: 'Require limits.cpu as well.' } },
    conditions: [
      {
        id: 'requests.cpu',
        when: 'resources.requests.cpu is not set',
        references: ['trivy:KSV-0015', 'checkov:CKV_K8S_10', 'kube-linter:unset-cpu-requirements', 'kube-score:container-resources', 'polaris:cpuRequestsMissing', 'kubesec:RequestsCPU', 'kubescape:C-0050', 'kubescape:C-0268', 'kics:ca469dd4-c736-448f-8ac1-30a642705e0a', 'datree:CONTAINERS_MISSING_CPU_REQUEST_KEY'],
      },
      {
        id: 'requests.memory',
        when: 'resources.requests.memory is not set',
        references: ['trivy:KSV-0016', 'checkov:CKV_K8S_12', 'kube-linter:unset-memory-requirements', 'kube-score:container-resources', 'polaris:memoryRequestsMissing', 'kubesec:RequestsMemory', 'kubescape:C-0004', 'kubescape:C-0269', 'kics:229588ef-8fde-40c8-8756-f4f2b5825ded', 'datree:CONTAINERS_MISSING_MEMORY_REQUEST_KEY'],
      },
      {
        id: 'limits.cpu',
        when: 'resources.limits.cpu is not set',
        references: ['trivy:KSV-0011', 'checkov:CKV_K8S_11', 'kube-linter:unset-cpu-requirements', 'kube-score:container-resources', 'polaris:cpuLimitsMissing', 'kubesec:LimitsCPU', 'kubescape:C-0050', 'kubescape:C-0270', 'kics:4ac0e2b7-d2d2-4af7-8799-e8de6721ccda', 'datree:CONTAINERS_MISSING_CPU_LIMIT_KEY'],
      },
      {
        id: 'limits.memory',
        when: 'resources.limits.memory is not set',
        references: ['trivy:KSV-0018', 'checkov:CKV_K8S_13', 'kube-linter:unset-memory-requirements', 'kube-score:container-resources', 'polaris:memoryLimitsMissing', 'kubesec:LimitsMemory', 'kubescape:C-0004', 'kubescape:C-0271', 'kics:b14d1bc4-a208-45db-92f0-e21f8e2588e9', 'datree:CONTAINERS_MISSING_MEMORY_LIMIT_KEY'],
      },
    ],
    references: [
      'trivy:KSV-0011', 'trivy:KSV-0015', 'trivy:KSV-0016', 'trivy:KSV-0018', 'checkov:CKV_K8S_10', 'checkov:CKV_K8S_11', 'checkov:CKV_K8S_12', 'checkov:CKV_K8S_13',
      'kube-linter:unset-cpu-requirements', 'kube-linter:unset-memory-requirements', 'kube-score:container-resources', 'polaris:cpuRequestsMissing',
      'polaris:cpuLimitsMissing', 'polaris:memoryRequestsMissing', 'polaris:memoryLimitsMissing', 'kubesec:RequestsCPU', 'kubesec:LimitsCPU',
      'kubesec:RequestsMemory', 'kubesec:LimitsMemory', 'kubescape:C-0004', 'kubescape:C-0050', 'kubescape:C-0268', 'kubescape:C-0269', 'kubescape:C-0270',
      'kubescape:C-0271', 'kics:4ac0e2b7-d2d2-4af7-8799-e8de6721ccda', 'kics:ca469dd4-c736-448f-8ac1-30a642705e0a', 'kics:b14d1bc4-a208-45db-92f0-e21f8e2588e9',
      'kics:229588ef-8fde-40c8-8756-f4f2b5825ded', 'datree:CONTAINERS_MISSING_CPU_REQUEST_KEY', 'datree:CONTAINERS_MISSING_CPU_LIMIT_KEY',
      'datree:CONTAINERS_MISSING_MEMORY_REQUEST_KEY', 'datree:CONTAINERS_MISSING_MEMORY_LIMIT_KEY',
    ],
    fix: { available: false, note: 'Sizes depend on the workload.' },
  },
  check(ctx) {
    eachContainer(ctx, (c) => {
      if (c.kind === 'ephemeralContainer') return; // the API forbids resources on ephemeral containers
      const res = c.node.map('resources');
      // One finding per missing value, each citing only the peer checks for that value, at the
      // nearest key that exists (`requests:`, `resources:`, else the container), as KICS points.
      for (const [section, key] of [['requests', 'cpu'], ['requests', 'memory'], ['limits', 'cpu'], ['limits', 'memory']] as const) {
        if (section === 'limits' && key === 'cpu' && !ctx.params.requireCpuLimit) continue;
        const v = res?.map(section)?.get(key);
        if (v !== undefined && !(v.kind === 'scalar' && (v.value === null || v.value === ''))) continue;
        const sectionPair = res?.pairOf(section);
        const at = sectionPair ? { at: sectionPair, keyOnly: true } : res?.pair ? { at: res.pair, keyOnly: true } : containerOwner(c);
        ctx.report({ ...at, container: c, condition: `${section}.${key}`, message: `${describeContainer(c)} does not set resources.${section}.${key}` });
      }
    });
  },
});
