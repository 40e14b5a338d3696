// Rule l2-multiple-announcers: more than one node's speaker claims a service's layer 2 address (two ServiceL2Status objects).
import { serviceRef } from '../../model/types.ts';
import { finding, type ServiceRule } from './finding.ts';

export const l2MultipleAnnouncers: ServiceRule = {
  code: 'l2-multiple-announcers',
  concerns: (rec) => rec.state === 'allocated',
  evaluate: (rec, { ledger }) => {
    const statuses = ledger.announcementObjects.l2Statuses(rec.key);
    const nodes = [...new Set(statuses.map((s) => s.node))].sort();
    if (nodes.length < 2) return [];
    const message = `service ${rec.key} is announced in layer 2 by ${nodes.length} nodes (${nodes.join(', ')}): only one speaker should answer for ${rec.ips.join(', ')}`;
    return [finding('l2-multiple-announcers', message, [serviceRef(rec.service), ...statuses.map((s) => `ServiceL2Status/${s.namespace}/${s.name}`)], rec.service.location)];
  },
};
