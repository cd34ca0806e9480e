import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { hostPathVolumes, isUnder, normalizePath } from './helpers.js';
import { RUNTIME_SOCKETS } from './container-runtime-socket.js';

const SENSITIVE = ['/', '/boot', '/dev', '/etc', '/lib', '/lib64', '/proc', '/sys', '/usr', '/bin', '/sbin', '/root', '/var/lib/docker', '/var/lib/kubelet', '/var/lib/containerd', '/var/run', '/run'];

export default defineKubeRule({
  meta: {
    id: 'k8s/sensitive-host-path',
    title: 'Sensitive host directory mounted',
    severity: 'high',
    target: 'kubernetes',
    catalog: ['K26'],
    description: 'Mounting system directories of the node (`/`, `/etc`, `/proc`, `/sys`, `/dev`, `/var/lib/kubelet`, …) hands the pod host credentials, kernel interfaces or the means to change the node.',
    remediation: 'Do not mount these paths. Node agents that must read them should mount the narrowest file read-only.',
    params: { paths: { type: 'string[]', default: SENSITIVE, description: 'Host directories considered sensitive (a mount of the directory or anything under it).' } },
    references: ['trivy:KSV-0121', 'kube-linter:sensitive-host-mounts', 'kubesec:ProcMount', 'kics:5308a7a8-06f8-45ac-bf10-791fe21de46e'],
    fix: { available: false, note: 'Replacing storage is a design change.' },
  },
  check(ctx) {
    const pod = ctx.object.pod;
    if (!pod) return;
    const dirs = ctx.params.paths as string[];
    for (const v of hostPathVolumes(pod)) {
      if (!v.path || typeof v.path.value !== 'string') continue;
      const p = normalizePath(v.path.value);
      if (RUNTIME_SOCKETS.test(p)) continue; // k8s/container-runtime-socket reports it, as critical
      const hit = dirs.find((d) => (normalizePath(d) === '/' ? p === '/' : isUnder(p, d)));
      if (hit) ctx.report({ at: v.path.pair ?? v.path, message: `volume "${v.name}" mounts sensitive host path ${p}` });
    }
  },
});
