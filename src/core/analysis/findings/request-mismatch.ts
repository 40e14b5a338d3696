// Rule request-mismatch: a service holds addresses other than those it asks for (a pool by name, or addresses), so MetalLB will move it.
import { readIp } from '../../address/index.ts';
import { metallbAnnotation } from '../../model/annotations.ts';
import { serviceRef } from '../../model/types.ts';
import type { ServiceRecord } from '../ledger-view.ts';
import { finding, type ServiceRule } from './finding.ts';

/** The addresses the service asks for (loadBalancerIPs, else spec.loadBalancerIP) as canonical text, or null when it asks for none or one does not parse (invalid-address says so). */
function requested(rec: ServiceRecord): { source: string; ips: string[] } | null {
  const annotation = metallbAnnotation(rec.service, 'loadBalancerIPs');
  const source = annotation && annotation.value.trim() !== '' ? annotation.key : rec.service.loadBalancerIP?.trim() ? 'spec.loadBalancerIP' : null;
  if (source === null) return null;
  const texts = source === 'spec.loadBalancerIP' ? [rec.service.loadBalancerIP!.trim()] : annotation!.value.split(',').map((t) => t.trim());
  const ips: string[] = [];
  for (const t of texts) {
    const ip = readIp(t);
    if (!ip.ok) return null;
    ips.push(ip.text);
  }
  return { source, ips };
}

/** What the service asks for that it does not hold, as a clause; null when it holds what it asks for. */
function mismatch(rec: ServiceRecord): string | null {
  const pool = metallbAnnotation(rec.service, 'address-pool');
  if (pool && pool.value !== '' && rec.pool !== null && rec.pool.name !== pool.value) {
    return `${pool.key} asks for pool "${pool.value}", but it holds ${rec.ips.join(', ')} from pool "${rec.pool.name}"`;
  }
  const want = requested(rec);
  if (want && (want.ips.length !== rec.ips.length || want.ips.some((ip) => !rec.ips.includes(ip)))) {
    return `${want.source} asks for ${want.ips.join(', ')}, but it holds ${rec.ips.join(', ')}`;
  }
  return null;
}

export const requestMismatch: ServiceRule = {
  code: 'request-mismatch',
  concerns: (rec) => rec.state === 'allocated' && mismatch(rec) !== null,
  evaluate: (rec) => [
    finding(
      'request-mismatch',
      `service ${rec.key}: ${mismatch(rec)!}; MetalLB releases the addresses and allocates again the next time it handles the service`,
      [serviceRef(rec.service)],
      rec.service.location,
    ),
  ],
};
