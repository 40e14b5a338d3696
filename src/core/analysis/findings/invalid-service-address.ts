// Rule invalid-address (services): requested IPs and ingress IPs that are not valid addresses.
import { readIp } from '../../address/index.ts';
import { metallbAnnotation } from '../../model/annotations.ts';
import { serviceRef } from '../../model/types.ts';
import type { Finding } from '../../report/types.ts';
import { finding, type ServiceRule } from './finding.ts';

export const invalidServiceAddress: ServiceRule = {
  code: 'invalid-address',
  concerns: (rec) => rec.unparsable.length > 0 || rec.service.loadBalancerIP !== null || metallbAnnotation(rec.service, 'loadBalancerIPs') !== null,
  evaluate: (rec) => {
    const out: Finding[] = [];
    for (const text of rec.unparsable) {
      out.push(finding('invalid-address', `service ${rec.key}: status.loadBalancer.ingress holds "${text}", which is not an IP address`, [serviceRef(rec.service)], rec.service.location));
    }
    const requested = metallbAnnotation(rec.service, 'loadBalancerIPs');
    if (requested) {
      for (const text of requested.value.split(',').map((t) => t.trim())) {
        if (readIp(text).ok) continue;
        out.push(finding('invalid-address', `service ${rec.key}: annotation ${requested.key} holds "${text}", which is not an IP address`, [serviceRef(rec.service)], rec.service.location));
      }
    }
    const lbIP = rec.service.loadBalancerIP;
    if (lbIP !== null && !readIp(lbIP).ok) {
      out.push(finding('invalid-address', `service ${rec.key}: spec.loadBalancerIP "${lbIP}" is not an IP address`, [serviceRef(rec.service)], rec.service.location));
    }
    return out;
  },
};
