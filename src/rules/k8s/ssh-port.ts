import { YScalar } from '../../core/yaml/ast.js';
import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { describeContainer, eachContainer } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/ssh-port',
    title: 'SSH port exposed',
    severity: 'medium',
    target: 'kubernetes',
    catalog: ['K48'],
    description: 'An SSH server in a container is a second way in that bypasses Kubernetes RBAC and audit logging, and a brute-force target.',
    remediation: 'Remove the SSH server and port; use `kubectl exec` (audited, RBAC-controlled) for debugging.',
    references: ['kube-linter:ssh-port', 'kubescape:C-0042'],
    fix: { available: false, note: 'Removing a port is a design change.' },
  },
  check(ctx) {
    const is22 = (n: unknown) => n instanceof YScalar && (n.value === 22 || n.value === '22' || n.value === 'ssh');
    eachContainer(ctx, (c) => {
      for (const port of c.node.maps('ports')) {
        const p = port.pairOf('containerPort');
        if (p && is22(p.value)) ctx.report({ at: p, container: c, message: `${describeContainer(c)} exposes SSH port 22` });
      }
    });
    if (ctx.object.kind === 'Service') {
      for (const port of ctx.object.node.map('spec')?.maps('ports') ?? []) {
        const p = port.pairOf('port');
        const t = port.pairOf('targetPort');
        if ((p && is22(p.value)) || (t && is22(t.value))) ctx.report({ at: p && is22(p.value) ? p : t!, message: `Service ${ctx.object.name} exposes SSH port 22` });
      }
    }
  },
});
