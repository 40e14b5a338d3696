// Rule address-syntax: pool entries poolwatch can read but MetalLB refuses: a CIDR without a prefix length, or with spaces in it.
import { poolRef } from '../../model/types.ts';
import type { Finding } from '../../report/types.ts';
import { finding, type LedgerRule } from './finding.ts';

/**
 * Why MetalLB refuses an entry that poolwatch parsed, or null. MetalLB reads an entry without a dash as a
 * CIDR, untrimmed (Go's net.ParseCIDR); only the two ends of a dash range are trimmed.
 */
export function refusedEntry(text: string): string | null {
  if (text.includes('-')) return null;
  if (/\s/.test(text)) return `"${text}" has spaces in it: MetalLB trims only the two ends of a dash range, so it refuses a CIDR with spaces (write "${text.replace(/\s+/g, '')}")`;
  if (!text.includes('/')) {
    const len = text.includes(':') ? 128 : 32;
    return `"${text}" has no prefix length: MetalLB reads an entry without a dash as a CIDR and refuses it (write "${text}/${len}" for one address)`;
  }
  return null;
}

export const addressSyntax: LedgerRule = {
  code: 'address-syntax',
  evaluate: ({ ledger }) => {
    const out: Finding[] = [];
    for (const s of ledger.pools) {
      for (const a of s.pool.addresses) {
        if (a.range === null) continue; // unreadable entries are invalid-address
        const why = refusedEntry(a.text);
        if (why) out.push(finding('address-syntax', `pool "${s.name}": ${why}`, [poolRef(s.pool)], a.location ?? s.pool.location));
      }
    }
    return out;
  },
};
