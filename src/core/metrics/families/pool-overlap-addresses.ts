// poolwatch_pool_overlap_addresses: addresses two pools both claim, one series per ordered pair.
import { toSampleValue, type FamilyDeclaration } from '../family.ts';

export const poolOverlapAddresses: FamilyDeclaration = {
  name: 'poolwatch_pool_overlap_addresses',
  help: 'Addresses the pool shares with another pool (both directions are exported).',
  type: 'gauge',
  labels: ['pool', 'other_pool'],
  set: 'native',
  doc: 'addresses; only overlapping pairs have series',
  *samples({ report }) {
    for (const o of report.facts.overlaps) {
      const n = toSampleValue(o.addresses);
      yield [{ pool: o.pool, other_pool: o.otherPool }, n];
      yield [{ pool: o.otherPool, other_pool: o.pool }, n];
    }
  },
};
