// Rule pool-empty: a pool from which MetalLB can hand out no address at all.
import { poolRef } from '../../model/types.ts';
import type { Finding } from '../../report/types.ts';
import { finding, type LedgerRule } from './finding.ts';

export const poolEmpty: LedgerRule = {
  code: 'pool-empty',
  evaluate: ({ ledger }) => {
    const out: Finding[] = [];
    for (const s of ledger.pools) {
      const usable = (s.total.ipv4 ?? 0n) + (s.total.ipv6 ?? 0n);
      // A pool that lists nothing is pool-no-addresses (MetalLB refuses it).
      if (usable > 0n || s.pool.addresses.length === 0) continue;
      const why = s.merged.length === 0 ? 'none of its address entries is valid' : 'avoidBuggyIPs removes every address it lists';
      out.push(finding('pool-empty', `pool "${s.name}" has no usable address: ${why}`, [poolRef(s.pool)], s.pool.location));
    }
    return out;
  },
};
