// Rule duplicate-object: two MetalLB configuration objects of one kind with one name in one namespace; only one of them can exist.
import { formatLocation } from '../../model/types.ts';
import type { Finding } from '../../report/types.ts';
import { configFinding, described, locationOf, namespaceOf } from './config-objects.ts';
import type { LedgerRule } from './finding.ts';

export const duplicateObject: LedgerRule = {
  code: 'duplicate-object',
  evaluate: ({ ledger }) => {
    const out: Finding[] = [];
    const first = new Map<string, (typeof ledger.config)[number]>();
    for (const o of ledger.config) {
      if (o.name === '') continue;
      const key = `${o.kind}/${namespaceOf(o)}/${o.name}`;
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, o);
        continue;
      }
      const at = formatLocation(locationOf(earlier, ['metadata', 'name']));
      out.push(
        configFinding(
          'duplicate-object',
          `${described(o)} is defined twice in namespace ${namespaceOf(o)}${at ? ` (first at ${at})` : ''}: applying both leaves only the last one`,
          o,
          ['metadata', 'name'],
        ),
      );
    }
    return out;
  },
};
