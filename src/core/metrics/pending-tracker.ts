// Counts services entering the pending state by comparing consecutive reports (feeds the allocation-failure counters).
import type { Report } from '../report/types.ts';

export interface FailureCount {
  namespace: string;
  reason: string;
  pool: string;
  count: number;
}

export class PendingTracker {
  /** Cumulative counts by namespace, reason and pool. */
  readonly counts = new Map<string, FailureCount>();
  private pending = new Set<string>();
  private last: Report | null = null;

  /** Looks at a report once (the same report object again is ignored). */
  observe(report: Report): void {
    if (report === this.last) return;
    this.last = report;
    const now = new Set<string>();
    for (const s of report.services) {
      if (s.state !== 'pending') continue;
      const key = `${s.namespace}/${s.name}`;
      now.add(key);
      if (this.pending.has(key)) continue;
      // The pool the reason concerns (the named pool, the one exhausted pool, the pool of a requested address), else none.
      const entry = { namespace: s.namespace, reason: s.reason?.code ?? '', pool: report.facts.pendingPools.get(key) ?? '' };
      const k = `${entry.namespace}\u0000${entry.reason}\u0000${entry.pool}`;
      const c = this.counts.get(k) ?? { ...entry, count: 0 };
      c.count++;
      this.counts.set(k, c);
    }
    this.pending = now;
  }
}
