// Rule aggregation-length: a BGPAdvertisement aggregationLength(V6) out of range, shorter than a selected pool's own prefixes, or set beside serviceSelectors.
import { rangeToCidrs, type IpFamily } from '../../address/index.ts';
import type { Finding } from '../../report/types.ts';
import { bgpAdvertisements } from './bgp-advertisements.ts';
import { configFinding, described, fieldAt } from './config-objects.ts';
import type { LedgerRule } from './finding.ts';

const FIELD: Record<IpFamily, 'aggregationLength' | 'aggregationLengthV6'> = { ipv4: 'aggregationLength', ipv6: 'aggregationLengthV6' };
const DEFAULT: Record<IpFamily, number> = { ipv4: 32, ipv6: 128 };

export const aggregationLength: LedgerRule = {
  code: 'aggregation-length',
  evaluate: (ctx) => {
    const out: Finding[] = [];
    for (const f of bgpAdvertisements(ctx)) {
      const o = f.object;
      const lengths: Record<IpFamily, number> = { ipv4: f.aggregationLength, ipv6: f.aggregationLengthV6 };
      const field = (family: IpFamily) => ['spec', FIELD[family]];
      if (f.aggregationLength < 1 || f.aggregationLength > 32) {
        out.push(configFinding('aggregation-length', `${described(o)}: aggregationLength ${f.aggregationLength} is out of range: it must be 1 to 32`, o, field('ipv4')));
        continue;
      }
      if (f.aggregationLengthV6 > 128) {
        out.push(configFinding('aggregation-length', `${described(o)}: aggregationLengthV6 ${f.aggregationLengthV6} is out of range: it must be at most 128`, o, field('ipv6')));
        continue;
      }
      if (f.hasServiceSelectors) {
        for (const family of ['ipv4', 'ipv6'] as const) {
          if (fieldAt(o, field(family)) !== undefined && lengths[family] !== DEFAULT[family]) {
            out.push(configFinding('aggregation-length', `${described(o)}: ${FIELD[family]} ${lengths[family]} together with serviceSelectors: MetalLB allows serviceSelectors only with the default ${DEFAULT[family]}`, o, field(family)));
          }
        }
      }
      // MetalLB compares each address entry's widest block with the family's aggregation length.
      for (const s of f.pools) {
        for (const a of s.pool.addresses) {
          if (!a.range) continue;
          const widest = Math.min(...rangeToCidrs(a.range).map((c) => Number(c.slice(c.indexOf('/') + 1))));
          const length = lengths[a.range.family];
          if (length >= widest) continue;
          out.push(
            configFinding(
              'aggregation-length',
              `${described(o)}: ${FIELD[a.range.family]} ${length} is shorter than the /${widest} of "${a.text}" in pool "${s.name}": MetalLB refuses an aggregation wider than the pool's own prefixes`,
              o,
              field(a.range.family),
            ),
          );
        }
      }
    }
    return out;
  },
};
