// The L2Advertisement kind (metallb.io).
import type { Advertisement } from '../types.ts';
import { applyAdvertisements, decodeAdvertisement } from './advertisement.ts';
import type { FieldReader } from './fields.ts';
import { defineKind } from './kind.ts';

export function decodeL2Advertisement(r: FieldReader): Advertisement | null {
  return decodeAdvertisement(r, 'L2Advertisement');
}

export const l2AdvertisementKind = defineKind({
  kind: 'L2Advertisement',
  groups: ['metallb.io'],
  resource: { group: 'metallb.io', version: 'v1beta1', plural: 'l2advertisements', scope: 'metallb-namespace', optional: true },
  metallb: { served: ['v1beta1'], configuration: true },
  slot: 'advertisements',
  decode: decodeL2Advertisement,
  live: applyAdvertisements,
});
