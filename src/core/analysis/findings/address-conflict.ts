// Rule address-conflict: one address held by services that MetalLB would not let share it.
import { formatIp } from '../../address/index.ts';
import { serviceRef } from '../../model/types.ts';
import type { Finding } from '../../report/types.ts';
import type { ServiceRecord } from '../ledger-view.ts';
import { finding, type LedgerRule } from './finding.ts';

/** MetalLB's backend key: the selector for externalTrafficPolicy Local, else empty. */
function backendKey(rec: ServiceRecord): string {
  if (rec.service.externalTrafficPolicy !== 'Local') return '';
  return Object.keys(rec.service.selector)
    .sort()
    .map((k) => `${k}=${rec.service.selector[k]}`)
    .join(',');
}

/** Why the services cannot share one address, or null when MetalLB's sharing rules allow it. */
export function sharingProblem(holders: readonly ServiceRecord[]): string | null {
  const first = holders[0]!;
  if (holders.some((h) => h.sharingKey === null)) return 'not every service sets the allow-shared-ip annotation';
  if (holders.some((h) => h.sharingKey !== first.sharingKey)) return 'their allow-shared-ip keys differ';
  if (holders.some((h) => backendKey(h) !== backendKey(first))) return 'they use externalTrafficPolicy Local with different selectors';
  const ports = new Map<string, string>();
  for (const h of holders) {
    for (const p of h.service.ports) {
      const port = `${p.protocol}/${p.port}`;
      const other = ports.get(port);
      if (other !== undefined && other !== h.key) return `port ${port} is used by both ${other} and ${h.key}`;
      ports.set(port, h.key);
    }
  }
  return null;
}

export const addressConflict: LedgerRule = {
  code: 'address-conflict',
  evaluate: ({ ledger }) => {
    const out: Finding[] = [];
    for (const { family, value, holders } of ledger.contested()) {
      // Sorted first, so the message never depends on the order the services arrived in.
      const sorted = [...holders].sort((a, b) => (a.key < b.key ? -1 : 1));
      const why = sharingProblem(sorted);
      if (why === null) continue;
      const address = formatIp(family, value);
      out.push(
        finding(
          'address-conflict',
          `${address} is held by ${sorted.map((h) => h.key).join(', ')}, which cannot share it: ${why}`,
          sorted.map((h) => serviceRef(h.service)),
          sorted[0]!.service.location,
        ),
      );
    }
    return out;
  },
};
