// Rule metallb-config-invalid: a ConfigurationState says MetalLB's controller or a speaker rejected the configuration.
import type { Finding } from '../../report/types.ts';
import { finding, type LedgerRule } from './finding.ts';

export const metallbConfigInvalid: LedgerRule = {
  code: 'metallb-config-invalid',
  evaluate: ({ ledger }) => {
    const out: Finding[] = [];
    for (const c of ledger.announcementObjects.configurationStates) {
      if (c.result !== 'Invalid') continue;
      const who = c.component === 'speaker' && c.node ? `the speaker on node ${c.node}` : `MetalLB's ${c.component}`;
      const message = `${who} rejected the configuration (ConfigurationState ${c.name}: ${c.errorSummary || 'no error summary'}); it keeps running on the last valid one`;
      out.push(finding('metallb-config-invalid', message, [`ConfigurationState/${c.namespace}/${c.name}`], c.location));
    }
    return out;
  },
};
