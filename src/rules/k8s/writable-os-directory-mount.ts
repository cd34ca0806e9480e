import { YScalar } from '../../core/yaml/ast.js';
import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { setKey } from '../../core/fix/yaml-edit.js';
import { describeContainer, eachContainer, normalizePath } from './helpers.js';

/**
 * Volume types the kubelet always mounts read-only, whatever `readOnly` says (since Kubernetes
 * 1.9.4): nothing can be written through them, so they shadow nothing. KICS reports them too;
 * riskgate does not, and its docs say so.
 */
const READ_ONLY_BY_KUBELET = ['secret', 'configMap', 'downwardAPI', 'projected'];

/** Directories the operating system's own files live in (KICS's list); a path equal to one or under it. */
const OS_DIRECTORIES = ['/bin', '/sbin', '/boot', '/cdrom', '/dev', '/etc', '/home', '/lib', '/media', '/proc', '/root', '/run', '/seLinux', '/srv', '/usr', '/var'];

export function isOsDirectory(path: string): boolean {
  const p = path.replace(/\/+$/, '') || '/';
  return p === '/' || OS_DIRECTORIES.some((d) => p === d || p.startsWith(`${d}/`));
}

export default defineKubeRule({
  meta: {
    id: 'k8s/writable-os-directory-mount',
    title: 'Volume mounted writable over an operating-system directory',
    severity: 'medium',
    target: 'kubernetes',
    catalog: [],
    description:
      'A volume mounted at `/`, `/bin`, `/etc`, `/usr`, `/var`, `/proc` or another operating-system directory without `readOnly: true` lets whatever writes to that volume (another pod, a node process, the application itself) replace the binaries and configuration the container runs with. Whatever the volume type: an emptyDir over `/etc` shadows the image\'s files, a shared volume over `/usr/bin` plants binaries.',
    remediation: 'Mount the volume read-only (`readOnly: true`), or at a directory of the application\'s own (`/data`, `/app/cache`).',
    decisions:
      'Directories as KICS lists them (a path equal to one or below it; KICS also matches mere string prefixes such as `/variable`, riskgate does not). Two cases KICS reports are left out on purpose: a secret, configMap, downwardAPI or projected volume, which the kubelet mounts read-only whatever `readOnly` says (nothing can be written through it); and an emptyDir at `/dev/shm`, the standard way to give PostgreSQL, Chrome or PyTorch more shared memory, which replaces the container\'s own writable tmpfs with another one private to the pod. Every workload kind is checked; the KICS reference applies to Pods, the only kind its query reads.',
    references: ['kics:b7652612-de4e-4466-a0bf-1cd81f0c6063'],
    conditions: [
      { id: 'pod', when: 'the object is a Pod', references: ['kics:b7652612-de4e-4466-a0bf-1cd81f0c6063'] },
      { id: 'template', when: 'the object is a workload with a pod template (Deployment, DaemonSet, …)', references: [] },
    ],
    fix: { available: true, note: 'Adds `readOnly: true` to the volumeMount.', unsafe: true },
  },
  check(ctx) {
    eachContainer(ctx, (c, pod) => {
      const volumes = new Map(pod.spec.maps('volumes').map((v) => [v.str('name') ?? '', v]));
      for (const m of c.node.maps('volumeMounts')) {
        const path = m.str('mountPath');
        if (!path || !isOsDirectory(path)) continue;
        const volume = volumes.get(m.str('name') ?? '');
        if (volume && READ_ONLY_BY_KUBELET.some((t) => volume.get(t) !== undefined)) continue;
        if (volume?.get('emptyDir') !== undefined && normalizePath(path) === '/dev/shm') continue;
        const ro = m.pairOf('readOnly');
        if (ro?.value instanceof YScalar && ro.value.value === true) continue;
        // At `readOnly: false` when it is written, else at the mount's name (where KICS points).
        ctx.report({
          at: ro ?? m.pairOf('name') ?? m,
          container: c,
          condition: ctx.object.kind === 'Pod' ? 'pod' : 'template',
          message: `${describeContainer(c)} mounts volume "${m.str('name') ?? ''}" writable at ${path}, an operating-system directory`,
          fix: ro ? undefined : { description: 'Mount it read-only', edits: [setKey(m, 'readOnly', true, ctx.style)] },
        });
      }
    });
  },
});
