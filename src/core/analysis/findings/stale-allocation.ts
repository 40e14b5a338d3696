// Rule stale-allocation: the ip-allocated-from-pool annotation names a pool that does not hold the service's address.
import { metallbAnnotation } from '../../model/annotations.ts';
import { serviceRef } from '../../model/types.ts';
import type { Finding } from '../../report/types.ts';
import { Note } from '../ledger-view.ts';
import { finding, type FindingRule } from './finding.ts';

export const staleAllocation: FindingRule = {
  code: 'stale-allocation',
  evaluate: ({ ledger }) => {
    const out: Finding[] = [];
    for (const rec of ledger.notableServices()) {
      if ((rec.notes & Note.StaleAllocation) === 0) continue;
      const ann = metallbAnnotation(rec.service, 'ip-allocated-from-pool')!;
      const named = ledger.poolByName(ann.value);
      for (const a of rec.addresses) {
        if (a.pool !== null && a.pool.name === ann.value) continue;
        const where = a.pool ? `it is in pool "${a.pool.name}"` : 'it is in no pool';
        const what = named ? `pool "${ann.value}" does not hold ${a.text}` : `pool "${ann.value}" does not exist`;
        out.push(finding('stale-allocation', `service ${rec.key}: ${ann.key} says ${a.text} came from pool "${ann.value}", but ${what}; ${where}`, [serviceRef(rec.service)], rec.service.location));
      }
    }
    return out;
  },
};
