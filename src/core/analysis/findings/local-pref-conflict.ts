// Rule local-pref-conflict: BGPAdvertisements that announce one pool to the same peers and nodes with different localPref.
import type { Finding } from '../../report/types.ts';
import type { PoolState } from '../pool-state.ts';
import { bgpAdvertisements, type BgpAdvertisementFacts } from './bgp-advertisements.ts';
import { configFinding, described } from './config-objects.ts';
import type { LedgerRule } from './finding.ts';

/** MetalLB's test: the two send different kinds of update for this pool (their aggregation differs for every family it has). */
function aggregationDiffers(a: BgpAdvertisementFacts, b: BgpAdvertisementFacts, pool: PoolState): boolean {
  const hasV4 = pool.total.ipv4 !== null;
  const hasV6 = pool.total.ipv6 !== null;
  if (!hasV4 && !hasV6) return true;
  const v4 = a.aggregationLength !== b.aggregationLength;
  const v6 = a.aggregationLengthV6 !== b.aggregationLengthV6;
  return (v4 && !hasV6) || (v6 && !hasV4) || (v4 && v6);
}

/**
 * Whether both may announce on one node. Without Node objects poolwatch cannot evaluate selectors, so
 * it assumes a shared node when either selects every node or both use the same selectors.
 */
function shareNodes(a: BgpAdvertisementFacts, b: BgpAdvertisementFacts): boolean {
  if (a.nodeSelectors.length === 0 || b.nodeSelectors.length === 0) return true;
  return a.nodeSelectors.join('\n') === b.nodeSelectors.join('\n');
}

function sharePeers(a: BgpAdvertisementFacts, b: BgpAdvertisementFacts): boolean {
  if (a.peers.length === 0 || b.peers.length === 0) return true;
  return a.peers.some((p) => b.peers.includes(p));
}

export const localPrefConflict: LedgerRule = {
  code: 'local-pref-conflict',
  evaluate: (ctx) => {
    const out: Finding[] = [];
    const ads = bgpAdvertisements(ctx).filter((f) => !f.hasServiceSelectors);
    ads.forEach((later, j) => {
      for (const earlier of ads.slice(0, j)) {
        if (earlier.localPref === later.localPref || !sharePeers(earlier, later) || !shareNodes(earlier, later)) continue;
        const pool = later.pools.find((p) => earlier.pools.includes(p) && !aggregationDiffers(earlier, later, p));
        if (!pool) continue;
        out.push(
          configFinding(
            'local-pref-conflict',
            `${described(later.object)}: localPref ${later.localPref} differs from ${described(earlier.object)}'s ${earlier.localPref} for pool "${pool.name}" (same peers, nodes and aggregation): MetalLB refuses the second`,
            later.object,
            ['spec', 'localPref'],
          ),
        );
        break;
      }
    });
    return out;
  },
};
