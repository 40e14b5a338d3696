// The BGPAdvertisement kind (metallb.io).
import type { Advertisement } from '../types.ts';
import { applyAdvertisements, decodeAdvertisement } from './advertisement.ts';
import type { FieldReader } from './fields.ts';
import { defineKind } from './kind.ts';

export function decodeBgpAdvertisement(r: FieldReader): Advertisement | null {
  return decodeAdvertisement(r, 'BGPAdvertisement');
}

export const bgpAdvertisementKind = defineKind({
  kind: 'BGPAdvertisement',
  groups: ['metallb.io'],
  resource: { group: 'metallb.io', version: 'v1beta1', plural: 'bgpadvertisements', scope: 'metallb-namespace', optional: true },
  metallb: { served: ['v1beta1'], configuration: true },
  slot: 'advertisements',
  decode: decodeBgpAdvertisement,
  live: applyAdvertisements,
});
