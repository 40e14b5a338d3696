// Decodes a metallb.io L2Advertisement.
import type { Advertisement } from '../types.ts';
import { decodeAdvertisement } from './advertisement.ts';
import type { FieldReader } from './fields.ts';

export function decodeL2Advertisement(r: FieldReader): Advertisement | null {
  return decodeAdvertisement(r, 'L2Advertisement');
}
