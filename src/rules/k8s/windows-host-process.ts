import { YMap } from '../../core/yaml/ast.js';
import { defineKubeRule, isTrue } from '../../core/k8s/kube-rule.js';
import { containerContext, podContext } from '../../core/k8s/security-context.js';
import { describeContainer, eachContainer } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/windows-host-process',
    title: 'Windows HostProcess container',
    severity: 'high',
    target: 'kubernetes',
    catalog: ['K13'],
    description: 'A Windows HostProcess container runs directly on the node as a host process, with the node\'s network and filesystem: the Windows equivalent of privileged.',
    remediation: 'Remove `windowsOptions.hostProcess: true` unless the workload is a node agent that must manage the host.',
    references: ['trivy:KSV-0103', 'polaris:hostProcess', 'datree:EKS_INVALID_HOSTPROCESS_VALUE'],
    fix: { available: false, note: 'Node agents need it; removing it is a design change.' },
  },
  check(ctx) {
    const pod = ctx.object.pod;
    if (!pod) return;
    const podWin = podContext(pod)?.get('windowsOptions');
    const pp = podWin instanceof YMap ? podWin.pairOf('hostProcess') : undefined;
    if (pp && isTrue(pp.value)) ctx.report({ at: pp, message: 'pod runs as a Windows HostProcess (windowsOptions.hostProcess: true)' });
    eachContainer(ctx, (c) => {
      const w = containerContext(c)?.get('windowsOptions');
      const p = w instanceof YMap ? w.pairOf('hostProcess') : undefined;
      if (p && isTrue(p.value)) ctx.report({ at: p, container: c, message: `${describeContainer(c)} runs as a Windows HostProcess` });
    });
  },
});
