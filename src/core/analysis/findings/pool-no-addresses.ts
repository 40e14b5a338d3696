// Rule pool-no-addresses: a pool that lists no addresses at all, which MetalLB refuses ("no prefixes defined").
import { poolRef } from '../../model/types.ts';
import type { Finding } from '../../report/types.ts';
import { finding, type LedgerRule } from './finding.ts';

export const poolNoAddresses: LedgerRule = {
  code: 'pool-no-addresses',
  evaluate: ({ ledger }) => {
    const out: Finding[] = [];
    for (const s of ledger.pools) {
      if (s.pool.addresses.length > 0) continue;
      const what = s.pool.origin === 'ConfigMap' ? 'legacy ConfigMap pool' : 'pool';
      out.push(
        finding(
          'pool-no-addresses',
          `${what} "${s.name}" lists no addresses: MetalLB refuses a pool without prefixes, and with it the whole configuration`,
          [poolRef(s.pool)],
          s.pool.addressesLocation ?? s.pool.location,
        ),
      );
    }
    return out;
  },
};
