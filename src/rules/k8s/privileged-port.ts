import { YScalar } from '../../core/yaml/ast.js';
import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { describeContainer, eachContainer } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/privileged-port',
    title: 'Container listens on a privileged port',
    severity: 'low',
    target: 'kubernetes',
    catalog: ['K49'],
    description: 'Ports below 1024 need root or NET_BIND_SERVICE to bind, which pushes the container to run with more privilege than it needs.',
    remediation: 'Listen on a port of 1024 or above and map the well-known port in the Service (`port: 80`, `targetPort: 8080`).',
    references: ['trivy:KSV-0117', 'kube-linter:privileged-ports'],
    fix: { available: false, note: 'The application must listen elsewhere.' },
  },
  check(ctx) {
    eachContainer(ctx, (c) => {
      for (const port of c.node.maps('ports')) {
        const p = port.pairOf('containerPort');
        if (p && p.value instanceof YScalar && typeof p.value.value === 'number' && p.value.value > 0 && p.value.value < 1024)
          ctx.report({ at: p, container: c, message: `${describeContainer(c)} listens on privileged port ${p.value.value}` });
      }
    });
  },
});
