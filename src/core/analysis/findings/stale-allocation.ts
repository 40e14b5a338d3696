// Rule stale-allocation: the ip-allocated-from-pool annotation names a pool that does not hold the service's address.
import { metallbAnnotation } from '../../model/annotations.ts';
import { serviceRef } from '../../model/types.ts';
import { choosePool } from '../attribution.ts';
import { finding, type ServiceRule } from './finding.ts';

export const staleAllocation: ServiceRule = {
  code: 'stale-allocation',
  concerns: (rec) => rec.allocatedFrom !== null && rec.addresses.some((a) => !a.pools.some((p) => p.name === rec.allocatedFrom)),
  evaluate: (rec, { ledger }) => {
    const ann = metallbAnnotation(rec.service, 'ip-allocated-from-pool')!;
    const named = ledger.poolByName(ann.value);
    return rec.addresses
      .filter((a) => !a.pools.some((p) => p.name === ann.value))
      .map((a) => {
        const holder = rec.pool !== null && a.pools.includes(rec.pool) ? rec.pool : choosePool(a.pools, null);
        const where = holder ? `it is in pool "${holder.name}"` : 'it is in no pool';
        const what = named ? `pool "${ann.value}" does not hold ${a.text}` : `pool "${ann.value}" does not exist`;
        return finding('stale-allocation', `service ${rec.key}: ${ann.key} says ${a.text} came from pool "${ann.value}", but ${what}; ${where}`, [serviceRef(rec.service)], rec.service.location);
      });
  },
};
