// metallb_allocator_ipv4_addresses_total (--compat=metallb): usable IPv4 addresses per pool (0 when the pool has none).
import { toSampleValue, type FamilyDeclaration } from '../family.ts';

export const metallbIpv4AddressesTotal: FamilyDeclaration = {
  name: 'metallb_allocator_ipv4_addresses_total',
  help: 'Number of usable IPv4 addresses, per pool (poolwatch, exact).',
  type: 'gauge',
  labels: ['pool'],
  set: 'compat',
  doc: 'addresses; 0 for a pool without IPv4, like MetalLB',
  *samples({ report }) {
    for (const p of report.pools) yield [{ pool: p.name }, toSampleValue(p.ipv4?.total ?? 0n)];
  },
};
