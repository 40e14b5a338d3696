// poolwatch_pool_services: how many services hold at least one address of the pool.
import type { FamilyDeclaration } from '../family.ts';

export const poolServices: FamilyDeclaration = {
  name: 'poolwatch_pool_services',
  help: 'Services holding at least one address from the pool.',
  type: 'gauge',
  labels: ['pool'],
  set: 'native',
  doc: 'services',
  *samples({ report }) {
    for (const p of report.pools) yield [{ pool: p.name }, p.services];
  },
};
