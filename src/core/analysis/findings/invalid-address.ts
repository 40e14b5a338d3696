// Rule invalid-address (pools): pool entries that are not valid addresses.
import { poolRef } from '../../model/types.ts';
import type { Finding } from '../../report/types.ts';
import { finding, type LedgerRule } from './finding.ts';

export const invalidAddress: LedgerRule = {
  code: 'invalid-address',
  evaluate: ({ ledger }) => {
    const out: Finding[] = [];
    for (const s of ledger.pools) {
      for (const a of s.pool.addresses) {
        if (a.error !== null) out.push(finding('invalid-address', `pool "${s.name}": ${a.error}`, [poolRef(s.pool)], a.location ?? s.pool.location));
      }
    }
    return out;
  },
};
