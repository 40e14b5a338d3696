// Decodes a metallb.io BGPAdvertisement.
import type { Advertisement } from '../types.ts';
import { decodeAdvertisement } from './advertisement.ts';
import type { FieldReader } from './fields.ts';

export function decodeBgpAdvertisement(r: FieldReader): Advertisement | null {
  return decodeAdvertisement(r, 'BGPAdvertisement');
}
