// metallb_allocator_addresses_total (--compat=metallb): MetalLB's name with an exact value (no int64 saturation or wrap).
import { toSampleValue, type FamilyDeclaration } from '../family.ts';

export const metallbAddressesTotal: FamilyDeclaration = {
  name: 'metallb_allocator_addresses_total',
  help: 'Number of usable IP addresses, per pool (poolwatch, exact: IPv4 plus IPv6).',
  type: 'gauge',
  labels: ['pool'],
  set: 'compat',
  doc: 'addresses, IPv4 plus IPv6; MetalLB itself reports 9223372036854775807 or a negative number for pools with an IPv6 /64',
  *samples({ report }) {
    for (const p of report.pools) yield [{ pool: p.name }, toSampleValue((p.ipv4?.total ?? 0n) + (p.ipv6?.total ?? 0n))];
  },
};
