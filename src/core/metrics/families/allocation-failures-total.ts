// poolwatch_allocation_failures_total: a counter of services seen entering the pending state.
import type { FamilyDeclaration } from '../family.ts';

export const allocationFailuresTotal: FamilyDeclaration = {
  name: 'poolwatch_allocation_failures_total',
  help: 'Services seen entering the pending state (no address), by namespace and reason code.',
  type: 'counter',
  labels: ['namespace', 'reason'],
  set: 'native',
  doc: 'services; counted when poolwatch computes a report (each scrape or API call) and finds a service newly pending',
  *samples({ counters }) {
    const byKey = new Map<string, { namespace: string; reason: string; n: number }>();
    for (const f of counters.allocationFailures.values()) {
      const key = `${f.namespace}\u0000${f.reason}`;
      const e = byKey.get(key) ?? { namespace: f.namespace, reason: f.reason, n: 0 };
      e.n += f.count;
      byKey.set(key, e);
    }
    for (const e of byKey.values()) yield [{ namespace: e.namespace, reason: e.reason }, e.n];
  },
};
