// poolwatch_pool_overlap_addresses: addresses two pools both claim, one series per ordered pair.
import { findOverlaps, mergeRanges, parseAddressEntry, rangeSize, type AddressRange } from '../../../core/address/index.ts';
import { toSampleValue, type FamilyDeclaration } from '../family.ts';

export const poolOverlapAddresses: FamilyDeclaration = {
  name: 'poolwatch_pool_overlap_addresses',
  help: 'Addresses the pool shares with another pool (both directions are exported).',
  type: 'gauge',
  labels: ['pool', 'other_pool'],
  set: 'native',
  doc: 'addresses; only overlapping pairs have series',
  *samples({ report }) {
    const items: Array<{ range: AddressRange; label: string }> = [];
    for (const p of report.pools) {
      const ranges: AddressRange[] = [];
      for (const text of p.addresses) {
        try {
          ranges.push(parseAddressEntry(text));
        } catch {
          // An invalid entry is reported as a finding; it claims no addresses.
        }
      }
      for (const range of mergeRanges(ranges)) items.push({ range, label: p.name });
    }
    const pairs = new Map<string, { a: string; b: string; n: bigint }>();
    for (const o of findOverlaps(items)) {
      if (o.a.label === o.b.label) continue;
      for (const [a, b] of [[o.a.label, o.b.label], [o.b.label, o.a.label]] as const) {
        const key = `${a}\u0000${b}`;
        const entry = pairs.get(key) ?? { a, b, n: 0n };
        entry.n += rangeSize(o.range);
        pairs.set(key, entry);
      }
    }
    for (const e of pairs.values()) yield [{ pool: e.a, other_pool: e.b }, toSampleValue(e.n)];
  },
};
