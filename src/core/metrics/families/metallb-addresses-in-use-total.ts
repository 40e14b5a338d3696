// metallb_allocator_addresses_in_use_total (--compat=metallb): distinct addresses in use per pool, both families.
import { toSampleValue, type FamilyDeclaration } from '../family.ts';

export const metallbAddressesInUseTotal: FamilyDeclaration = {
  name: 'metallb_allocator_addresses_in_use_total',
  help: 'Number of IP addresses in use, per pool (poolwatch: distinct addresses, IPv4 plus IPv6).',
  type: 'gauge',
  labels: ['pool'],
  set: 'compat',
  doc: 'addresses; a gauge despite the `_total` suffix (MetalLB\'s name)',
  *samples({ report }) {
    for (const p of report.pools) yield [{ pool: p.name }, toSampleValue((p.ipv4?.inUse ?? 0n) + (p.ipv6?.inUse ?? 0n))];
  },
};
