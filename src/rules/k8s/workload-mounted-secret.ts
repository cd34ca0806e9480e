import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { effectiveNamespace } from '../../core/k8s/objects.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/workload-mounted-secret',
    title: 'Workload mounts a Secret defined in the scan',
    severity: 'info',
    target: 'kubernetes',
    catalog: [],
    description: 'A container mounts a Secret volume whose Secret is part of the same configuration. Whoever runs code in the container reads it: it is part of the blast radius of the workload, which attack paths through the pod reach.',
    remediation: 'Mount only the Secrets the container needs, in the containers that need them, read-only; prefer short-lived credentials (projected tokens, workload identity) to stored ones.',
    decisions: 'Reported, as Kubescape C-0255 reports it, only when the Secret itself is in the scan (in the workload\'s namespace) and a container mounts the volume: a Secret made elsewhere is not known. Informational: mounting Secrets is how applications are meant to get them.',
    references: ['kubescape:C-0255'],
    fix: { available: false, note: 'Which credentials a container needs is the application\'s business.' },
  },
  check(ctx) {
    const pod = ctx.object.pod;
    if (!pod || ctx.object.kind === 'PodTemplate') return;
    const ns = effectiveNamespace(ctx.object);
    const secretVolumes = new Map<string, string>();
    for (const v of pod.spec.maps('volumes')) {
      const name = v.str('name');
      const secret = v.map('secret')?.str('secretName');
      if (name && secret && ctx.index.find('Secret', secret, ns)) secretVolumes.set(name, secret);
    }
    if (!secretVolumes.size) return;
    for (const c of pod.containers) {
      for (const m of c.node.maps('volumeMounts')) {
        const secret = secretVolumes.get(m.str('name') ?? '');
        if (secret) ctx.report({ at: m.pairOf('name') ?? m, message: `container "${c.name}" mounts Secret ${secret} at ${m.str('mountPath') ?? '(no path)'}`, container: c });
      }
    }
  },
});
