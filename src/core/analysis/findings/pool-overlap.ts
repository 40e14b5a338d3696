// Rule pool-overlap: two address entries (of two pools, or of one pool) share addresses; MetalLB rejects such a configuration.
import { formatRange, rangeSize } from '../../address/index.ts';
import { poolRef } from '../../model/types.ts';
import { finding, readableCount, type LedgerRule } from './finding.ts';

export const poolOverlap: LedgerRule = {
  code: 'pool-overlap',
  evaluate: ({ ledger }) =>
    ledger.overlaps().map((o) => {
      // Name the pool written first first, and point at the entry written later (the one that collides).
      const swap = o.a.label.pool.index > o.b.label.pool.index || (o.a.label.pool === o.b.label.pool && o.a.label.entry > o.b.label.entry);
      const [a, b, range] = swap ? [o.b, o.a, o.range] : [o.a, o.b, o.range];
      const ea = a.label.pool.pool.addresses[a.label.entry]!;
      const eb = b.label.pool.pool.addresses[b.label.entry]!;
      const size = rangeSize(range);
      const count = `${readableCount(size)} address${size === 1n ? '' : 'es'}`;
      const same = a.label.pool === b.label.pool;
      const message = same
        ? `pool "${a.label.pool.name}" lists ${ea.text} and ${eb.text}, which overlap in ${formatRange(range)} (${count})`
        : `pool "${a.label.pool.name}" ${ea.text} overlaps pool "${b.label.pool.name}" ${eb.text} in ${formatRange(range)} (${count})`;
      const objects = same ? [poolRef(a.label.pool.pool)] : [poolRef(a.label.pool.pool), poolRef(b.label.pool.pool)];
      return finding('pool-overlap', message, objects, eb.location ?? b.label.pool.pool.location);
    }),
};
