// metallb_allocator_ipv4_addresses_in_use_total (--compat=metallb): distinct IPv4 addresses in use per pool.
import { toSampleValue, type FamilyDeclaration } from '../family.ts';

export const metallbIpv4AddressesInUseTotal: FamilyDeclaration = {
  name: 'metallb_allocator_ipv4_addresses_in_use_total',
  help: 'Number of IPv4 addresses in use, per pool (poolwatch: distinct addresses).',
  type: 'gauge',
  labels: ['pool'],
  set: 'compat',
  doc: 'addresses; 0 for a pool without IPv4',
  *samples({ report }) {
    for (const p of report.pools) yield [{ pool: p.name }, toSampleValue(p.ipv4?.inUse ?? 0n)];
  },
};
