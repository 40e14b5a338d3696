// Rule pool-not-advertised: no L2Advertisement or BGPAdvertisement selects the pool, so its addresses are never announced.
import { advertises } from '../../model/advertises.ts';
import { poolRef } from '../../model/types.ts';
import type { Finding } from '../../report/types.ts';
import { finding, type LedgerRule } from './finding.ts';

export const poolNotAdvertised: LedgerRule = {
  code: 'pool-not-advertised',
  evaluate: ({ ledger }) => {
    const out: Finding[] = [];
    for (const s of ledger.pools) {
      // Legacy ConfigMap pools carry their protocol, which is their announcement.
      if (s.pool.origin === 'ConfigMap' && s.pool.protocol !== null) continue;
      if (ledger.advertisements.some((ad) => advertises(ad, s.pool))) continue;
      out.push(
        finding(
          'pool-not-advertised',
          `pool "${s.name}" is not selected by any L2Advertisement or BGPAdvertisement in namespace ${s.pool.namespace}: its addresses are assigned but never announced`,
          [poolRef(s.pool)],
          s.pool.location,
        ),
      );
    }
    return out;
  },
};
