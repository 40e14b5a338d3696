// Rule advertisement-no-node: with Node objects in the input, an L2Advertisement or BGPAdvertisement whose nodeSelectors select none of them.
import { formatSelector } from '../../model/selectors.ts';
import { selectsNoNode } from '../../model/node-selection.ts';
import type { Finding } from '../../report/types.ts';
import { configFinding, described, metallbObjects } from './config-objects.ts';
import type { LedgerRule } from './finding.ts';

export const advertisementNoNode: LedgerRule = {
  code: 'advertisement-no-node',
  evaluate: ({ ledger, options }) => {
    const out: Finding[] = [];
    const nodes = ledger.announcementObjects.nodes;
    if (nodes.length === 0) return out;
    for (const kind of ['L2Advertisement', 'BGPAdvertisement'] as const) {
      for (const o of metallbObjects(ledger, kind, options.metallbNamespace)) {
        const ad = ledger.advertisements.find((a) => a.kind === kind && a.name === o.name && a.namespace === options.metallbNamespace);
        if (!ad || !selectsNoNode(ad, nodes)) continue;
        const selectors = ad.nodeSelectors.map(formatSelector).join(', ');
        const message = `${described(o)}: nodeSelectors ${selectors} select none of the ${nodes.length} Node${nodes.length === 1 ? '' : 's'} in the input: MetalLB accepts it and announces its pools' services from no node`;
        out.push(configFinding('advertisement-no-node', message, o, ['spec', 'nodeSelectors']));
      }
    }
    return out;
  },
};
