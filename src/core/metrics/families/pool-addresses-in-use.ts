// poolwatch_pool_addresses_in_use: distinct addresses of the pool held by services (a shared address counts once).
import { poolFamilies, toSampleValue, type FamilyDeclaration } from '../family.ts';

export const poolAddressesInUse: FamilyDeclaration = {
  name: 'poolwatch_pool_addresses_in_use',
  help: 'Distinct addresses of the pool held by services, per IP family (a shared address counts once).',
  type: 'gauge',
  labels: ['pool', 'family'],
  set: 'native',
  doc: 'addresses',
  *samples({ report }) {
    for (const { pool, family, usage } of poolFamilies(report)) yield [{ pool: pool.name, family }, toSampleValue(usage.inUse)];
  },
};
