// What a service asks MetalLB for, in words: shared by `explain`'s text and the web page's service view.
import type { ServiceExplanation } from './explain-service.ts';

export function requestedText(r: ServiceExplanation['requested']): string {
  const parts: string[] = [];
  if (r.pool !== null) parts.push(`pool "${r.pool}" (metallb.io/address-pool)`);
  if (r.addresses.length > 0) parts.push(`${r.addresses.join(', ')} (${r.from})`);
  if (r.sharingKey !== null) parts.push(`sharing key "${r.sharingKey}" (metallb.io/allow-shared-ip)`);
  return parts.length > 0 ? parts.join('; ') : 'nothing in particular (no address-pool, loadBalancerIPs or allow-shared-ip)';
}
