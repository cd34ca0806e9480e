import { YScalar } from '../../core/yaml/ast.js';
import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { removePair } from '../../core/fix/yaml-edit.js';
import { describeContainer, eachContainer } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/host-port',
    title: 'Container port bound on the host',
    severity: 'medium',
    target: 'kubernetes',
    catalog: ['K12'],
    description: 'A `hostPort` opens the port on the node\'s own address, bypassing Services and most NetworkPolicy implementations, and pins the pod to nodes where the port is free.',
    remediation: 'Remove `hostPort` and expose the port through a Service.',
    references: [
      'trivy:KSV-0024', 'checkov:CKV_K8S_26', 'polaris:hostPortSet', 'kubescape:C-0044', 'kics:2b1836f1-dcce-416e-8e16-da8c71920633',
      'datree:CONTAINERS_INCORRECT_KEY_HOSTPORT',
    ],
    fix: { available: true, note: 'Removes the `hostPort` line.', unsafe: true },
  },
  check(ctx) {
    eachContainer(ctx, (c) => {
      for (const port of c.node.maps('ports')) {
        const p = port.pairOf('hostPort');
        if (p && p.value instanceof YScalar && p.value.value !== null && p.value.value !== 0 && p.value.value !== '0')
          ctx.report({ at: p, container: c, message: `${describeContainer(c)} binds host port ${p.value.text}`, fix: { description: 'Remove hostPort', edits: [removePair(p, ctx.style)] } });
      }
    });
  },
});
