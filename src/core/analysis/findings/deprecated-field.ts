// Rule deprecated-field: a service requests its address with the deprecated spec.loadBalancerIP.
import { serviceRef } from '../../model/types.ts';
import type { Finding } from '../../report/types.ts';
import { Note } from '../ledger-view.ts';
import { finding, type FindingRule } from './finding.ts';

export const deprecatedField: FindingRule = {
  code: 'deprecated-field',
  evaluate: ({ ledger }) => {
    const out: Finding[] = [];
    for (const rec of ledger.notableServices()) {
      if ((rec.notes & Note.LoadBalancerIp) === 0) continue;
      out.push(
        finding(
          'deprecated-field',
          `service ${rec.key} sets spec.loadBalancerIP (deprecated since Kubernetes 1.24); use the metallb.io/loadBalancerIPs annotation`,
          [serviceRef(rec.service)],
          rec.service.location,
        ),
      );
    }
    return out;
  },
};
