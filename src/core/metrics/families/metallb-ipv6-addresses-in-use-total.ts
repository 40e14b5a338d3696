// metallb_allocator_ipv6_addresses_in_use_total (--compat=metallb): distinct IPv6 addresses in use per pool.
import { toSampleValue, type FamilyDeclaration } from '../family.ts';

export const metallbIpv6AddressesInUseTotal: FamilyDeclaration = {
  name: 'metallb_allocator_ipv6_addresses_in_use_total',
  help: 'Number of IPv6 addresses in use, per pool (poolwatch: distinct addresses).',
  type: 'gauge',
  labels: ['pool'],
  set: 'compat',
  doc: 'addresses; 0 for a pool without IPv6',
  *samples({ report }) {
    for (const p of report.pools) yield [{ pool: p.name }, toSampleValue(p.ipv6?.inUse ?? 0n)];
  },
};
