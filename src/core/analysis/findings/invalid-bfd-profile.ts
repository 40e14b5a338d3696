// Rule invalid-bfd-profile: a BFDProfile value outside the range MetalLB accepts.
import type { Finding } from '../../report/types.ts';
import { configFinding, described, fieldAt, metallbObjects } from './config-objects.ts';
import type { LedgerRule } from './finding.ts';

/** The numeric fields of a BFDProfile and the range MetalLB accepts for each. */
const RANGES: ReadonlyArray<readonly [field: string, min: number, max: number]> = [
  ['receiveInterval', 10, 60000],
  ['transmitInterval', 10, 60000],
  ['echoInterval', 10, 60000],
  ['detectMultiplier', 2, 255],
  ['minimumTtl', 1, 254],
];

export const invalidBfdProfile: LedgerRule = {
  code: 'invalid-bfd-profile',
  evaluate: ({ ledger, options }) => {
    const out: Finding[] = [];
    for (const o of metallbObjects(ledger, 'BFDProfile', options.metallbNamespace)) {
      for (const [field, min, max] of RANGES) {
        const v = fieldAt(o, ['spec', field]);
        if (v === undefined || v === null) continue;
        if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) continue;
        out.push(configFinding('invalid-bfd-profile', `${described(o)}: ${field} ${JSON.stringify(v)} is outside ${min} to ${max}`, o, ['spec', field]));
      }
      for (const field of ['echoMode', 'passiveMode']) {
        const v = fieldAt(o, ['spec', field]);
        if (v !== undefined && v !== null && typeof v !== 'boolean') out.push(configFinding('invalid-bfd-profile', `${described(o)}: ${field} ${JSON.stringify(v)} is not true or false`, o, ['spec', field]));
      }
    }
    return out;
  },
};
