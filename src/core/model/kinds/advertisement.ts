// Decodes an L2Advertisement or BGPAdvertisement: only which pools it announces matters here.
import type { Advertisement } from '../types.ts';
import type { FieldReader } from './fields.ts';
import { METALLB_NAMESPACE } from './ip-address-pool.ts';
import type { LiveApply } from './kind.ts';

export function decodeAdvertisement(r: FieldReader, kind: Advertisement['kind']): Advertisement | null {
  const meta = r.metadata(kind, METALLB_NAMESPACE);
  const ipAddressPools = r.stringList(['spec', 'ipAddressPools']);
  const ipAddressPoolSelectors = r.labelSelectors(['spec', 'ipAddressPoolSelectors']);
  if (!meta) return null;
  return { kind, name: meta.name, namespace: meta.namespace, ipAddressPools, ipAddressPoolSelectors, location: r.locate([]) };
}

export const applyAdvertisements: LiveApply<Advertisement> = { mode: 'all', set: (model, ads) => model.setAdvertisements(ads) };
