import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { podContext } from '../../core/k8s/security-context.js';

/** The "safe" sysctls of the baseline Pod Security Standard (through Kubernetes 1.32). */
const SAFE = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes', 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem',
];

export default defineKubeRule({
  meta: {
    id: 'k8s/unsafe-sysctls',
    title: 'Unsafe sysctl set',
    severity: 'high',
    target: 'kubernetes',
    catalog: ['K24'],
    description: 'Sysctls outside the namespaced safe set change kernel behaviour for the whole node or let one pod starve others (shared memory, message queues, networking).',
    remediation: 'Remove the sysctl, or restrict the workload to dedicated nodes whose kubelet explicitly allows it.',
    params: { allowed: { type: 'string[]', default: SAFE, description: 'Sysctls considered safe (the baseline Pod Security Standard list).' } },
    references: ['trivy:KSV-0026', 'kube-linter:unsafe-sysctls'],
    fix: { available: false, note: 'The workload may depend on the setting.' },
  },
  check(ctx) {
    const pod = ctx.object.pod;
    if (!pod) return;
    const allowed = new Set(ctx.params.allowed as string[]);
    for (const s of podContext(pod)?.maps('sysctls') ?? []) {
      const name = s.str('name');
      if (name && !allowed.has(name.replace(/\//g, '.'))) ctx.report({ at: s.pairOf('name')!, message: `pod sets unsafe sysctl ${name}` });
    }
  },
});
