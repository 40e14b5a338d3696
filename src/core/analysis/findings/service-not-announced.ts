// Rule service-not-announced: a service holds an address, but nothing announces it (see docs/announcement.md for the reasons).
import { advertises } from '../../model/advertises.ts';
import { selectsNoNode } from '../../model/node-selection.ts';
import { selectorMatches } from '../../model/selectors.ts';
import { serviceRef } from '../../model/types.ts';
import type { LedgerView, ServiceRecord } from '../ledger-view.ts';
import { finding, type ServiceRule } from './finding.ts';

/**
 * Whether every advertisement that would announce the service selects no Node at all: then each one's
 * advertisement-no-node finding already says why, at the selector to fix, and this one would repeat it.
 */
function saidByAdvertisements(rec: ServiceRecord, ledger: LedgerView): boolean {
  const pool = rec.pool?.pool;
  if (!pool) return false;
  const nodes = ledger.announcementObjects.nodes;
  const ads = ledger.advertisements.filter(
    (ad) => advertises(ad, pool) && (ad.serviceSelectors.length === 0 || ad.serviceSelectors.some((s) => selectorMatches(s, rec.service.labels))),
  );
  return ads.length > 0 && ads.every((ad) => selectsNoNode(ad, nodes));
}

export const serviceNotAnnounced: ServiceRule = {
  code: 'service-not-announced',
  concerns: (rec) => rec.state === 'allocated',
  evaluate: (rec, { ledger }) => {
    const a = ledger.announcement(rec);
    // An address in no pool is address-outside-pools' finding already.
    if (a?.state !== 'not-announced' || !a.reason || a.reason.code === 'no-pool') return [];
    if (a.reason.code === 'no-eligible-node' && saidByAdvertisements(rec, ledger)) return [];
    const message = `service ${rec.key} holds ${rec.ips.join(', ')} but no node announces it (${a.reason.code}: ${a.reason.message})`;
    return [finding('service-not-announced', message, [serviceRef(rec.service)], rec.service.location)];
  },
};
