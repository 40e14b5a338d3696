// Rule service-not-announced: a service holds an address, but nothing announces it (see docs/announcement.md for the reasons).
import { serviceRef } from '../../model/types.ts';
import { finding, type ServiceRule } from './finding.ts';

export const serviceNotAnnounced: ServiceRule = {
  code: 'service-not-announced',
  concerns: (rec) => rec.state === 'allocated',
  evaluate: (rec, { ledger }) => {
    const a = ledger.announcement(rec);
    // An address in no pool is address-outside-pools' finding already.
    if (a?.state !== 'not-announced' || !a.reason || a.reason.code === 'no-pool') return [];
    const message = `service ${rec.key} holds ${rec.ips.join(', ')} but no node announces it (${a.reason.code}: ${a.reason.message})`;
    return [finding('service-not-announced', message, [serviceRef(rec.service)], rec.service.location)];
  },
};
