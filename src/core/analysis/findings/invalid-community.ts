// Rule invalid-community: a BGP community value MetalLB cannot parse, a Community alias defined twice, or an advertisement naming an alias no Community defines.
import { formatLocation } from '../../model/types.ts';
import type { Finding } from '../../report/types.ts';
import { configFinding, described, fieldAt, listAt, locationOf, metallbObjects } from './config-objects.ts';
import type { LedgerRule } from './finding.ts';

function fits(part: string, bits: 16 | 32): boolean {
  return /^[0-9]+$/.test(part) && BigInt(part) < 1n << BigInt(bits);
}

/**
 * Why MetalLB cannot parse a community value, or null: a standard community is two 16-bit numbers
 * (`65535:65282`), a large one `large:` and three 32-bit numbers (`large:64512:1:2`).
 */
export function badCommunity(value: string): string | null {
  const parts = value.split(':');
  if (parts.length === 2) return parts.every((p) => fits(p, 16)) ? null : `"${value}" is not a standard community: both halves must be whole numbers from 0 to 65535`;
  if (parts.length === 4) {
    if (parts[0] !== 'large') return `"${value}" is not a large community: it must start with "large:"`;
    return parts.slice(1).every((p) => fits(p, 32)) ? null : `"${value}" is not a large community: the three parts must be whole numbers from 0 to 4294967295`;
  }
  return `"${value}" is not a community: write x:y (16-bit halves) or large:x:y:z (32-bit parts)`;
}

export const invalidCommunity: LedgerRule = {
  code: 'invalid-community',
  evaluate: ({ ledger, options }) => {
    const out: Finding[] = [];
    const aliases = new Map<string, { o: (typeof ledger.config)[number]; at: (string | number)[] }>();
    for (const o of metallbObjects(ledger, 'Community', options.metallbNamespace)) {
      listAt(o, ['spec', 'communities']).forEach((_, i) => {
        const at = ['spec', 'communities', i];
        const name = String(fieldAt(o, [...at, 'name']) ?? '');
        const value = String(fieldAt(o, [...at, 'value']) ?? '');
        const why = badCommunity(value);
        if (why) out.push(configFinding('invalid-community', `${described(o)}: alias "${name}": ${why}; MetalLB refuses the configuration`, o, [...at, 'value']));
        const first = aliases.get(name);
        if (first) {
          const where = formatLocation(locationOf(first.o, [...first.at, 'name']));
          out.push(configFinding('invalid-community', `${described(o)}: alias "${name}" is already defined${where ? ` at ${where}` : ''}; MetalLB refuses an alias defined twice`, o, [...at, 'name']));
        } else {
          aliases.set(name, { o, at });
        }
      });
    }
    for (const o of metallbObjects(ledger, 'BGPAdvertisement', options.metallbNamespace)) {
      listAt(o, ['spec', 'communities']).forEach((c, i) => {
        const value = String(c);
        if (aliases.has(value)) return;
        const why = value.includes(':') ? badCommunity(value) : `"${value}" is not a community value and no Community in the input defines it as an alias`;
        if (why) out.push(configFinding('invalid-community', `${described(o)}: ${why}; MetalLB does not load the configuration`, o, ['spec', 'communities', i]));
      });
    }
    return out;
  },
};
