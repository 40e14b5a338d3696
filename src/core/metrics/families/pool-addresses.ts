// poolwatch_pool_addresses: usable addresses per pool and family (after avoidBuggyIPs), exact up to float64.
import { poolFamilies, toSampleValue, type FamilyDeclaration } from '../family.ts';

export const poolAddresses: FamilyDeclaration = {
  name: 'poolwatch_pool_addresses',
  help: 'Usable addresses in the pool, per IP family (after avoidBuggyIPs).',
  type: 'gauge',
  labels: ['pool', 'family'],
  set: 'native',
  doc: 'addresses; a family the pool does not have has no series; an IPv6 /64 is 18446744073709551616',
  *samples({ report }) {
    for (const { pool, family, usage } of poolFamilies(report)) yield [{ pool: pool.name, family }, toSampleValue(usage.total)];
  },
};
