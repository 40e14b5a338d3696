// poolwatch_pool_addresses_available: usable minus in use, per pool and family.
import { poolFamilies, toSampleValue, type FamilyDeclaration } from '../family.ts';

export const poolAddressesAvailable: FamilyDeclaration = {
  name: 'poolwatch_pool_addresses_available',
  help: 'Usable addresses of the pool not held by any service, per IP family.',
  type: 'gauge',
  labels: ['pool', 'family'],
  set: 'native',
  doc: 'addresses; never negative',
  *samples({ report }) {
    for (const { pool, family, usage } of poolFamilies(report)) yield [{ pool: pool.name, family }, toSampleValue(usage.available)];
  },
};
