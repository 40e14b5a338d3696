// Decodes an L2Advertisement or BGPAdvertisement: which pools it announces, for which services, from which nodes, how.
import type { Advertisement } from '../types.ts';
import type { FieldReader } from './fields.ts';
import { DEFAULT_METALLB_NAMESPACE as METALLB_NAMESPACE } from './metallb.ts';
import type { LiveApply } from './kind.ts';

export function decodeAdvertisement(r: FieldReader, kind: Advertisement['kind']): Advertisement | null {
  const meta = r.metadata(kind, METALLB_NAMESPACE);
  const ipAddressPools = r.stringList(['spec', 'ipAddressPools']);
  const ipAddressPoolSelectors = r.labelSelectors(['spec', 'ipAddressPoolSelectors']);
  const nodeSelectors = r.labelSelectors(['spec', 'nodeSelectors']);
  const serviceSelectors = r.labelSelectors(['spec', 'serviceSelectors']);
  const interfaces = kind === 'L2Advertisement' ? r.stringList(['spec', 'interfaces']) : [];
  const peers = kind === 'BGPAdvertisement' ? r.stringList(['spec', 'peers']) : [];
  if (!meta) return null;
  return { kind, name: meta.name, namespace: meta.namespace, ipAddressPools, ipAddressPoolSelectors, nodeSelectors, serviceSelectors, interfaces, peers, location: r.locate([]) };
}

export const applyAdvertisements: LiveApply<Advertisement> = { mode: 'all', set: (model, ads) => model.setAdvertisements(ads) };
