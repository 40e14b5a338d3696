// Rule invalid-address: pool entries, requested IPs and ingress IPs that are not valid addresses.
import { tryParseIp } from '../../address/index.ts';
import { metallbAnnotation } from '../../model/annotations.ts';
import { poolRef, serviceRef } from '../../model/types.ts';
import type { Finding } from '../../report/types.ts';
import { Note } from '../ledger-view.ts';
import { finding, type FindingRule } from './finding.ts';

export const invalidAddress: FindingRule = {
  code: 'invalid-address',
  evaluate: ({ ledger }) => {
    const out: Finding[] = [];
    for (const s of ledger.pools) {
      for (const a of s.pool.addresses) {
        if (a.error !== null) out.push(finding('invalid-address', `pool "${s.name}": ${a.error}`, [poolRef(s.pool)], a.location ?? s.pool.location));
      }
    }
    for (const rec of ledger.notableServices()) {
      if ((rec.notes & (Note.UnparsableIngress | Note.RequestedIps | Note.LoadBalancerIp)) === 0) continue;
      for (const text of rec.unparsable) {
        out.push(finding('invalid-address', `service ${rec.key}: status.loadBalancer.ingress holds "${text}", which is not an IP address`, [serviceRef(rec.service)], rec.service.location));
      }
      const requested = metallbAnnotation(rec.service, 'loadBalancerIPs');
      if (requested) {
        for (const text of requested.value.split(',').map((t) => t.trim())) {
          if (tryParseIp(text)) continue;
          out.push(finding('invalid-address', `service ${rec.key}: annotation ${requested.key} holds "${text}", which is not an IP address`, [serviceRef(rec.service)], rec.service.location));
        }
      }
      const lbIP = rec.service.loadBalancerIP;
      if (lbIP !== null && !tryParseIp(lbIP)) {
        out.push(finding('invalid-address', `service ${rec.key}: spec.loadBalancerIP "${lbIP}" is not an IP address`, [serviceRef(rec.service)], rec.service.location));
      }
    }
    return out;
  },
};
