// Rule address-outside-pools: a MetalLB service holds an address that no pool contains.
import { isBuggyIp, rangeContains } from '../../address/index.ts';
import { serviceRef } from '../../model/types.ts';
import { finding, type ServiceRule } from './finding.ts';

export const addressOutsidePools: ServiceRule = {
  code: 'address-outside-pools',
  concerns: (rec) => rec.addresses.some((a) => a.pools.length === 0),
  evaluate: (rec, { ledger }) =>
    rec.addresses
      .filter((a) => a.pools.length === 0)
      .map((a) => {
        // Rare (a misconfiguration), so a scan of the pools is fine here.
        const buggy = isBuggyIp(a.family, a.value) && ledger.pools.some((p) => p.pool.avoidBuggyIPs && p.merged.some((r) => rangeContains(r, a.family, a.value)));
        const what = buggy ? ', a .0/.255 address in a pool with avoidBuggyIPs, which MetalLB never accepts' : ', which is in no pool';
        return finding('address-outside-pools', `service ${rec.key} holds ${a.text}${what}`, [serviceRef(rec.service)], rec.service.location);
      }),
};
