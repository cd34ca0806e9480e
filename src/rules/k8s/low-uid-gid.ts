import { defineKubeRule, containerOwner } from '../../core/k8s/kube-rule.js';
import { effectiveNumber } from '../../core/k8s/security-context.js';
import { describeContainer, eachContainer } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/low-uid-gid',
    title: 'Container UID or GID below 10000',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K05'],
    description:
      'Low UIDs and GIDs overlap with users and groups on the node. If the container escapes, it acts as that host user; ' +
      'a UID of 10000 or above is unlikely to own anything on the host.',
    remediation: 'Set `runAsUser` and `runAsGroup` to 10000 or above (pod level covers every container).',
    decisions:
      'Checkov (CKV_K8S_40) and Trivy (KSV-0020/0021) also fail when the fields are unset, since the image may then pick a low UID; riskgate follows them (`flagUnset`). ' +
      'UID 0 is left to k8s/run-as-uid-0 so it is not reported twice.',
    params: {
      minUid: { type: 'number', default: 10000, description: 'Lowest accepted runAsUser.' },
      minGid: { type: 'number', default: 10000, description: 'Lowest accepted runAsGroup.' },
      flagUnset: { type: 'boolean', default: true, description: 'Report containers whose runAsUser/runAsGroup is not set at all.' },
    },
    conditions: [
      {
        id: 'runAsUser',
        when: 'runAsUser is below minUid, or unset (with flagUnset)',
        references: ['trivy:KSV-0020', 'checkov:CKV_K8S_40', 'kube-score:container-security-context-user-group-id', 'kubesec:RunAsUser', 'kics:02323c00-cdc3-4fdc-a310-4f2b3e7a1660', 'datree:CONTAINERS_INCORRECT_RUNASUSER_VALUE_LOWUID'],
      },
      {
        id: 'runAsUser-userns',
        when: 'as runAsUser, in a pod with its own user namespace (hostUsers: false), where Checkov accepts any UID',
        references: ['trivy:KSV-0020', 'kube-score:container-security-context-user-group-id', 'kubesec:RunAsUser', 'kics:02323c00-cdc3-4fdc-a310-4f2b3e7a1660', 'datree:CONTAINERS_INCORRECT_RUNASUSER_VALUE_LOWUID'],
      },
      {
        id: 'runAsGroup',
        when: 'runAsGroup is below minGid, or unset (with flagUnset)',
        references: ['trivy:KSV-0021', 'kube-score:container-security-context-user-group-id', 'kubesec:RunAsGroup', 'datree:CONTAINERS_INCORRECT_RUNASGROUP_VALUE_LOWGID'],
      },
    ],
    references: [
      'trivy:KSV-0020', 'trivy:KSV-0021', 'checkov:CKV_K8S_40', 'kube-score:container-security-context-user-group-id', 'kubesec:RunAsUser',
      'kubesec:RunAsGroup', 'kics:02323c00-cdc3-4fdc-a310-4f2b3e7a1660', 'datree:CONTAINERS_INCORRECT_RUNASUSER_VALUE_LOWUID',
      'datree:CONTAINERS_INCORRECT_RUNASGROUP_VALUE_LOWGID',
    ],
    fix: { available: false, note: 'The IDs to run as are the owner\'s choice.' },
  },
  check(ctx) {
    const minUid = Number(ctx.params.minUid);
    const minGid = Number(ctx.params.minGid);
    const seen = new Set<unknown>();
    // With its own user namespace, a pod's UIDs do not map to the node's: Checkov's host-conflict check passes it.
    const userns = ctx.object.pod?.spec.bool('hostUsers') === false;
    const conditionOf = (label: 'runAsUser' | 'runAsGroup') => (label === 'runAsUser' && userns ? 'runAsUser-userns' : label);
    eachContainer(ctx, (c, pod) => {
      const uid = effectiveNumber(pod, c, 'runAsUser');
      const gid = effectiveNumber(pod, c, 'runAsGroup');
      const unset: string[] = [];
      for (const [label, v, min] of [['runAsUser', uid, minUid], ['runAsGroup', gid, minGid]] as const) {
        if (v) {
          if (v.value > 0 && v.value < min && !seen.has(v.node)) {
            seen.add(v.node);
            ctx.report({ at: v.node.pair ?? v.node, container: c, condition: conditionOf(label), message: `${describeContainer(c)} has ${label} ${v.value}, below ${min}` });
          }
        } else {
          unset.push(label);
        }
      }
      // One finding per unset field, each citing only that field's peer checks.
      if (ctx.params.flagUnset)
        for (const label of unset) ctx.report({ ...containerOwner(c), container: c, condition: conditionOf(label as 'runAsUser' | 'runAsGroup'), message: `${describeContainer(c)} does not set ${label} (should be ${label === 'runAsUser' ? minUid : minGid} or above)` });
    });
  },
});
