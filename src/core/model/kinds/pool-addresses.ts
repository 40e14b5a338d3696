// Decodes a list of pool address entries (shared by IPAddressPool and the legacy ConfigMap); bad entries are kept with their error.
import { parseAddressEntry } from '../../address/index.ts';
import type { FieldPath } from '../../manifest/located.ts';
import type { PoolAddress } from '../types.ts';
import type { FieldReader } from './fields.ts';

export function decodePoolAddresses(r: FieldReader, path: FieldPath): PoolAddress[] {
  const out: PoolAddress[] = [];
  r.list(path).forEach((entry, i) => {
    const at = [...path, i];
    const location = r.locate(at);
    if (typeof entry !== 'string') {
      out.push({ text: String(entry), range: null, error: `address entries must be strings, not ${JSON.stringify(entry)}`, location });
      return;
    }
    try {
      out.push({ text: entry, range: parseAddressEntry(entry), error: null, location });
    } catch (e) {
      out.push({ text: entry, range: null, error: (e as Error).message, location });
    }
  });
  return out;
}
