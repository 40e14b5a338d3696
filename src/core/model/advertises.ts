// Which pools an L2Advertisement or BGPAdvertisement announces, as MetalLB's configuration loader decides it.
import { selectorMatches } from './selectors.ts';
import type { Advertisement, Pool } from './types.ts';

/** Whether the advertisement announces the pool (no pools and no selectors means every pool of its namespace). */
export function advertises(ad: Advertisement, pool: Pool): boolean {
  if (ad.namespace !== pool.namespace) return false;
  if (ad.ipAddressPools.length === 0 && ad.ipAddressPoolSelectors.length === 0) return true;
  if (ad.ipAddressPools.includes(pool.name)) return true;
  return ad.ipAddressPoolSelectors.some((sel) => selectorMatches(sel, pool.labels));
}
