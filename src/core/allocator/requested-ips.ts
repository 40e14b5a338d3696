// The addresses a service asks for: the loadBalancerIPs annotation or spec.loadBalancerIP (MetalLB's getDesiredLbIPs).
import { formatIp, readIp, type IpAddress } from '../address/index.ts';
import { metallbAnnotation } from '../model/annotations.ts';
import type { Service } from '../model/types.ts';
import { fail, ok, type Outcome } from './outcome.ts';
import { invalidRequest } from './reasons/invalid-request.ts';
import { familyOfAddresses, type ServiceFamily } from './service-family.ts';

export interface RequestedIps {
  /** In the order written. */
  ips: IpAddress[];
  family: ServiceFamily;
  /** Where the request was read: the annotation key, or `spec.loadBalancerIP`. */
  source: string;
}

/**
 * null when the service asks for nothing. The annotation (metallb.io/ first, then the legacy prefix; a
 * comma list, spaces trimmed) and spec.loadBalancerIP together are refused, as are unparsable addresses,
 * more than two, and two of one family (`invalid-request`).
 */
export function requestedIps(svc: Service): Outcome<RequestedIps | null> {
  const annotation = metallbAnnotation(svc, 'loadBalancerIPs');
  const annotated = annotation && annotation.value.trim() !== '' ? annotation : null;
  const specIp = svc.loadBalancerIP && svc.loadBalancerIP.trim() !== '' ? svc.loadBalancerIP.trim() : null;
  if (!annotated && !specIp) return ok(null);
  if (annotated && specIp) {
    return fail(invalidRequest, `the service sets both ${annotated.key} and spec.loadBalancerIP; MetalLB accepts only one of them`);
  }
  const source = annotated ? annotated.key : 'spec.loadBalancerIP';
  const texts = annotated ? annotated.value.split(',').map((t) => t.trim()) : [specIp!];
  const ips: IpAddress[] = [];
  for (const text of texts) {
    const ip = readIp(text);
    if (ip.ok) ips.push({ family: ip.family, value: ip.value });
    else {
      return fail(invalidRequest, `${source} "${annotated ? annotated.value : specIp}": "${text}" is not an IP address`);
    }
  }
  const family = familyOfAddresses(ips.map((ip) => ip.family));
  if (!family) {
    const shown = ips.map((ip) => formatIp(ip.family, ip.value)).join(', ');
    const why = ips.length > 2 ? 'more than two addresses' : 'two addresses of one family';
    return fail(invalidRequest, `${source} asks for ${shown}: ${why}; MetalLB accepts one address, or one IPv4 and one IPv6`);
  }
  return ok({ ips, family, source });
}
