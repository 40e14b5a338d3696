// Rule deprecated-field: a service requests its address with the deprecated spec.loadBalancerIP.
import { serviceRef } from '../../model/types.ts';
import { finding, type ServiceRule } from './finding.ts';

export const deprecatedField: ServiceRule = {
  code: 'deprecated-field',
  concerns: (rec) => rec.service.loadBalancerIP !== null,
  evaluate: (rec) => [
    finding(
      'deprecated-field',
      `service ${rec.key} sets spec.loadBalancerIP (deprecated since Kubernetes 1.24); use the metallb.io/loadBalancerIPs annotation`,
      [serviceRef(rec.service)],
      rec.service.location,
    ),
  ],
};
