// Rule address-host-bits: a CIDR with host bits set (10.0.0.1/24), which MetalLB takes as the whole network.
import { formatIp, rangeSize, readIp } from '../../address/index.ts';
import { poolRef } from '../../model/types.ts';
import type { Finding } from '../../report/types.ts';
import { finding, readableCount, type LedgerRule } from './finding.ts';

export const addressHostBits: LedgerRule = {
  code: 'address-host-bits',
  evaluate: ({ ledger }) => {
    const out: Finding[] = [];
    for (const s of ledger.pools) {
      for (const a of s.pool.addresses) {
        const slash = a.text.indexOf('/');
        if (a.range === null || slash < 0 || a.text.includes('-')) continue;
        const written = readIp(a.text.slice(0, slash));
        if (!written.ok || written.value === a.range.start) continue;
        const network = `${formatIp(a.range.family, a.range.start)}${a.text.slice(slash).trim()}`;
        out.push(
          finding(
            'address-host-bits',
            `pool "${s.name}": "${a.text}" has host bits set; MetalLB takes it as the whole network ${network} (${readableCount(rangeSize(a.range))} addresses), not from ${written.text}: write ${network}, or a range if you meant part of it`,
            [poolRef(s.pool)],
            a.location ?? s.pool.location,
          ),
        );
      }
    }
    return out;
  },
};
