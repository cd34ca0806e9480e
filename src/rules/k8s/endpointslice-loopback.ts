import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { seqScalars } from './helpers.js';

export default defineKubeRule({
  meta: {
    id: 'k8s/endpointslice-loopback',
    title: 'Endpoint address on loopback or link-local',
    severity: 'high',
    target: 'kubernetes',
    catalog: ['K73'],
    description: 'Endpoints pointing at 127.0.0.0/8 or 169.254.0.0/16 make proxies on the node forward cluster traffic to the node\'s own local services or the cloud metadata endpoint (CVE-2021-25737).',
    remediation: 'Remove the address; endpoints must point at pod or external IPs.',
    references: ['datree:ENDPOINTSLICE_CVE2021_25373_INCORRECT_ADDRESSES_VALUE'],
    fix: { available: false, note: 'The intended address is the owner\'s knowledge.' },
  },
  check(ctx) {
    const o = ctx.object;
    const bad = (ip: string) => /^127\./.test(ip) || /^169\.254\./.test(ip) || /^::1$/.test(ip) || /^fe80:/i.test(ip);
    if (o.kind === 'EndpointSlice') {
      for (const ep of o.node.maps('endpoints')) for (const a of seqScalars(ep.get('addresses'))) if (bad(String(a.value))) ctx.report({ at: a, message: `EndpointSlice ${o.name} points at ${a.value}` });
    }
    if (o.kind === 'Endpoints') {
      for (const sub of o.node.maps('subsets')) for (const a of sub.maps('addresses')) {
        const ip = a.scalar('ip');
        if (ip && bad(String(ip.value))) ctx.report({ at: ip.pair ?? ip, message: `Endpoints ${o.name} points at ${ip.value}` });
      }
    }
  },
});
