// Rule service-pending: a LoadBalancer service MetalLB handles has no address, with the reason when one is known (not a manifest never applied that would get one).
import { notApplied } from '../../allocator/reasons/not-applied.ts';
import { serviceRef } from '../../model/types.ts';
import { finding, type ServiceRule } from './finding.ts';

export const servicePending: ServiceRule = {
  code: 'service-pending',
  concerns: (rec) => rec.state === 'pending',
  // The reason depends on every other service (e.g. the pool filled up).
  readsOtherServices: true,
  evaluate: (rec, { reasons }) => {
    const reason = reasons.get(rec.key);
    // A manifest not applied yet that MetalLB would serve is no problem: the pending table says what it would get.
    if (reason?.code === notApplied.code) return [];
    const why = reason ? `${reason.code}: ${reason.message}` : 'no reason known';
    return [finding('service-pending', `service ${rec.key} has no external address (${why})`, [serviceRef(rec.service)], rec.service.location)];
  },
};
