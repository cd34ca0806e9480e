import { YScalar } from '../../core/yaml/ast.js';
import { defineKubeRule, containerOwner } from '../../core/k8s/kube-rule.js';
import { containerContext } from '../../core/k8s/security-context.js';
import { ensurePath } from '../../core/fix/yaml-edit.js';
import { describeContainer, eachContainer } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/writable-root-filesystem',
    title: 'Root filesystem is writable',
    severity: 'medium',
    target: 'kubernetes',
    catalog: ['K07'],
    description: 'A writable root filesystem lets an attacker drop tools, modify binaries and persist inside the container.',
    remediation: 'Set `securityContext.readOnlyRootFilesystem: true` and mount an `emptyDir` where the application must write (e.g. `/tmp`).',
    references: [
      'trivy:KSV-0014', 'checkov:CKV_K8S_22', 'kube-linter:no-read-only-root-fs', 'kube-score:container-security-context-readonlyrootfilesystem',
      'polaris:notReadOnlyRootFilesystem', 'kubesec:ReadOnlyRootFilesystem', 'kubescape:C-0017', 'kics:a9c2f49d-0671-4fc9-9ece-f4e261e128d0',
      'datree:CONTAINERS_INCORRECT_READONLYROOTFILESYSTEM_VALUE',
    ],
    fix: { available: true, note: 'Sets or adds `readOnlyRootFilesystem: true`; the application may need an emptyDir for scratch space.', unsafe: true },
  },
  check(ctx) {
    eachContainer(ctx, (c) => {
      const sc = containerContext(c);
      const p = sc?.pairOf('readOnlyRootFilesystem');
      if (p && p.value instanceof YScalar && p.value.value === true) return;
      const fix = { description: 'Set readOnlyRootFilesystem: true (mount an emptyDir where the application writes)', edits: [ensurePath(c.node, ['securityContext', 'readOnlyRootFilesystem'], true, ctx.style)] };
      if (p) ctx.report({ at: p, container: c, message: `${describeContainer(c)} has a writable root filesystem`, fix });
      else ctx.report({ ...(sc?.pair ? { at: sc.pair, keyOnly: true } : containerOwner(c)), container: c, message: `${describeContainer(c)} does not set readOnlyRootFilesystem: true`, fix });
    });
  },
});
