// Rule advertisement-no-pool: an L2Advertisement or BGPAdvertisement names a pool that is not in the input, or has a pool selector that matches no pool.
import { selectorMatches } from '../../model/selectors.ts';
import type { Finding } from '../../report/types.ts';
import { ipAddressPools } from './bgp-advertisements.ts';
import { configFinding, described, listAt, metallbObjects } from './config-objects.ts';
import { selectorText } from './config-lists.ts';
import type { LedgerRule } from './finding.ts';

export const advertisementNoPool: LedgerRule = {
  code: 'advertisement-no-pool',
  evaluate: ({ ledger, options }) => {
    const out: Finding[] = [];
    const pools = ipAddressPools(ledger);
    // An input without pools is a part of a configuration (advertisements kept in their own files): nothing to check against.
    if (pools.length === 0) return out;
    const names = pools.map((s) => `"${s.name}"`).join(', ');
    for (const kind of ['L2Advertisement', 'BGPAdvertisement'] as const) {
      for (const o of metallbObjects(ledger, kind, options.metallbNamespace)) {
        const ad = ledger.advertisements.find((a) => a.kind === kind && a.name === o.name);
        if (!ad) continue;
        listAt(o, ['spec', 'ipAddressPools']).forEach((name, i) => {
          if (pools.some((s) => s.name === name)) return;
          out.push(configFinding('advertisement-no-pool', `${described(o)} names pool "${String(name)}", which is not in the input (pools: ${names}): MetalLB silently announces nothing for it`, o, ['spec', 'ipAddressPools', i]));
        });
        ad.ipAddressPoolSelectors.forEach((sel, i) => {
          if (pools.some((s) => selectorMatches(sel, s.pool.labels))) return;
          const written = listAt(o, ['spec', 'ipAddressPoolSelectors'])[i];
          out.push(configFinding('advertisement-no-pool', `${described(o)}: ipAddressPoolSelectors ${selectorText(written)} matches no pool in the input: MetalLB silently announces nothing for it`, o, ['spec', 'ipAddressPoolSelectors', i]));
        });
      }
    }
    return out;
  },
};
