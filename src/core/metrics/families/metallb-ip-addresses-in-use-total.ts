// metallb_allocator_ip_addresses_in_use_total (--compat=metallb): the per-service gauge one guide assumes MetalLB has.
import type { FamilyDeclaration } from '../family.ts';

export const metallbIpAddressesInUseTotal: FamilyDeclaration = {
  name: 'metallb_allocator_ip_addresses_in_use_total',
  help: 'Addresses held by the service from the pool (poolwatch; MetalLB itself has no such metric).',
  type: 'gauge',
  labels: ['pool', 'namespace', 'service'],
  set: 'compat',
  perService: true,
  doc: 'addresses (1 for single-stack, 2 for dual-stack); only in the guide, never shipped by MetalLB',
  *serviceSamples(s) {
    if (s.state === 'allocated' && s.ips.length > 0) yield [{ pool: s.pool ?? '', namespace: s.namespace, service: s.name }, s.ips.length];
  },
};
