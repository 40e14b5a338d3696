// The BGPAdvertisements MetalLB reads, each with its model object, its settings as written and the IPAddressPools it selects (for the BGP rules).
import type { Advertisement, ConfigObject } from '../../model/types.ts';
import type { LedgerView } from '../ledger-view.ts';
import type { PoolState } from '../pool-state.ts';
import type { FindingContext } from './finding.ts';
import { fieldAt, listAt, metallbObjects } from './config-objects.ts';
import { selectorKey } from './config-lists.ts';
import { advertises } from '../../model/advertises.ts';

export interface BgpAdvertisementFacts {
  object: ConfigObject;
  ad: Advertisement;
  /** aggregationLength and aggregationLengthV6 with MetalLB's defaults (32, 128). */
  aggregationLength: number;
  aggregationLengthV6: number;
  localPref: number;
  peers: string[];
  /** The nodeSelectors in MetalLB's comparison form; empty means every node. */
  nodeSelectors: string[];
  hasServiceSelectors: boolean;
  pools: PoolState[];
}

/** The IPAddressPools (not legacy ConfigMap pools, which MetalLB v0.13+ ignores) MetalLB would read. */
export function ipAddressPools(ledger: LedgerView): PoolState[] {
  return ledger.pools.filter((s) => s.pool.origin === 'IPAddressPool');
}

function whole(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isInteger(v) ? v : fallback;
}

export function bgpAdvertisements({ ledger, options }: FindingContext): BgpAdvertisementFacts[] {
  const pools = ipAddressPools(ledger);
  const out: BgpAdvertisementFacts[] = [];
  for (const object of metallbObjects(ledger, 'BGPAdvertisement', options.metallbNamespace)) {
    const ad = ledger.advertisements.find((a) => a.kind === 'BGPAdvertisement' && a.name === object.name);
    if (!ad) continue;
    out.push({
      object,
      ad,
      aggregationLength: whole(fieldAt(object, ['spec', 'aggregationLength']), 32),
      aggregationLengthV6: whole(fieldAt(object, ['spec', 'aggregationLengthV6']), 128),
      localPref: whole(fieldAt(object, ['spec', 'localPref']), 0),
      peers: listAt(object, ['spec', 'peers']).map(String),
      nodeSelectors: listAt(object, ['spec', 'nodeSelectors']).map(selectorKey).sort(),
      hasServiceSelectors: listAt(object, ['spec', 'serviceSelectors']).length > 0,
      pools: pools.filter((s) => advertises(ad, s.pool)),
    });
  }
  return out;
}
