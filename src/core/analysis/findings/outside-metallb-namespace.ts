// Rule outside-metallb-namespace: MetalLB configuration in another namespace, which MetalLB's webhooks refuse and its controller never reads.
import { METALLB_CONFIG_KINDS } from '../../model/kinds/index.ts';
import type { Finding } from '../../report/types.ts';
import { configFinding, described, isMetallbKind, namespaceOf } from './config-objects.ts';
import type { LedgerRule } from './finding.ts';

export const outsideMetallbNamespace: LedgerRule = {
  code: 'outside-metallb-namespace',
  evaluate: ({ ledger, options }) => {
    const out: Finding[] = [];
    const home = options.metallbNamespace;
    for (const o of ledger.config) {
      if (!METALLB_CONFIG_KINDS.some((k) => isMetallbKind(o, k)) || namespaceOf(o) === home) continue;
      const where = o.namespace === null ? `has no namespace (read as ${namespaceOf(o)})` : `is in namespace ${o.namespace}`;
      const counted = o.kind === 'IPAddressPool' ? ' (poolwatch does not count it as a pool)' : '';
      out.push(
        configFinding(
          'outside-metallb-namespace',
          `${described(o)} ${where}: MetalLB only accepts and reads its configuration in ${home}${counted}`,
          o,
          ['metadata', 'namespace'],
        ),
      );
    }
    return out;
  },
};
