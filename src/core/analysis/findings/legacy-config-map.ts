// Rule legacy-config-map: MetalLB v0.13 and later ignore the legacy ConfigMap; the configuration must be converted to custom resources.
import type { Finding } from '../../report/types.ts';
import { configFinding } from './config-objects.ts';
import type { LedgerRule } from './finding.ts';

export const legacyConfigMap: LedgerRule = {
  code: 'legacy-config-map',
  evaluate: ({ ledger }) => {
    const out: Finding[] = [];
    for (const o of ledger.config) {
      if (o.kind !== 'ConfigMap') continue;
      out.push(
        configFinding(
          'legacy-config-map',
          `ConfigMap "${o.name}" is MetalLB's legacy configuration, which MetalLB v0.13 and later ignore: convert it to IPAddressPool and L2Advertisement/BGPAdvertisement objects (MetalLB's configmaptocrs image does it) before upgrading`,
          o,
          ['data', 'config'],
        ),
      );
    }
    return out;
  },
};
