// Rule service-pending: a LoadBalancer service MetalLB handles has no address, with the reason when one is known.
import { serviceRef } from '../../model/types.ts';
import type { Finding } from '../../report/types.ts';
import { finding, type FindingRule } from './finding.ts';

export const servicePending: FindingRule = {
  code: 'service-pending',
  evaluate: ({ ledger, reasons }) => {
    const out: Finding[] = [];
    for (const rec of ledger.pendingServices()) {
      const reason = reasons.get(rec.key);
      const why = reason ? `${reason.code}: ${reason.message}` : 'no reason known';
      out.push(finding('service-pending', `service ${rec.key} has no external address (${why})`, [serviceRef(rec.service)], rec.service.location));
    }
    return out;
  },
};
