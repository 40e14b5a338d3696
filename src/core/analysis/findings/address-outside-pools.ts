// Rule address-outside-pools: a MetalLB service holds an address that no pool contains.
import { isBuggyIp, rangeContains } from '../../address/index.ts';
import { serviceRef } from '../../model/types.ts';
import type { Finding } from '../../report/types.ts';
import { Note } from '../ledger-view.ts';
import { finding, type FindingRule } from './finding.ts';

export const addressOutsidePools: FindingRule = {
  code: 'address-outside-pools',
  evaluate: ({ ledger }) => {
    const out: Finding[] = [];
    for (const rec of ledger.notableServices()) {
      if ((rec.notes & Note.OutsidePools) === 0) continue;
      for (const a of rec.addresses) {
        if (a.pool !== null) continue;
        // Rare (a misconfiguration), so a scan of the pools is fine here.
        const buggy = isBuggyIp(a.family, a.value) && ledger.pools.some((p) => p.pool.avoidBuggyIPs && p.merged.some((r) => rangeContains(r, a.family, a.value)));
        out.push(
          finding(
            'address-outside-pools',
            `service ${rec.key} holds ${a.text}${buggy ? ', a .0/.255 address in a pool with avoidBuggyIPs, which MetalLB never accepts' : ', which is in no pool'}`,
            [serviceRef(rec.service)],
            rec.service.location,
          ),
        );
      }
    }
    return out;
  },
};
