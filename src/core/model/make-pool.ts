// Builds an IPAddressPool model object from address texts, for code that makes pools rather than decoding them (the lab, tests).
import { parseAddressEntry } from '../address/index.ts';
import type { Pool } from './types.ts';

/** An IPAddressPool in metallb-system with MetalLB's defaults; `extra` overrides any field. Throws on a bad address. */
export function makePool(name: string, addresses: readonly string[], extra: Partial<Pool> = {}): Pool {
  return {
    origin: 'IPAddressPool',
    name,
    namespace: 'metallb-system',
    labels: {},
    addresses: addresses.map((text) => ({ text, range: parseAddressEntry(text), error: null, location: null })),
    autoAssign: true,
    avoidBuggyIPs: false,
    serviceAllocation: null,
    protocol: null,
    creationTimestamp: null,
    location: null,
    ...extra,
  };
}
