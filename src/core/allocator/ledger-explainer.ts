// The analysis seam: explains the ledger's pending services with an allocator kept in step with the ledger between calls.
import type { LedgerView, ServiceRecord } from '../analysis/ledger-view.ts';
import type { PendingExplainer } from '../analysis/options.ts';
import type { Reason } from '../report/types.ts';
import type { AllocatorOptions } from './allocator.ts';
import { LazyRestore } from './lazy-restore.ts';

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Brings the allocations in step with the ledger: only the allocated services whose object changed since the
 * last call and the ones that went away are passed on, so a watch event costs one pass over the service
 * records, not a re-allocation of every service. A new pool or namespace list starts afresh (the state given
 * is dropped and a new one returned).
 */
export function followLedger(state: LazyRestore | null, view: LedgerView, options: AllocatorOptions = {}): LazyRestore {
  const pools = view.pools.map((p) => p.pool);
  const s = state && sameItems(state.poolList, pools) && sameItems(state.namespaceList, view.namespaces) ? state : new LazyRestore(pools, view.namespaces, options);
  // Keys come from the ledger's records (their hashes are cached), so no key text is rebuilt per service.
  const changed: ServiceRecord[] = [];
  let kept = 0;
  for (const rec of view.services()) {
    if (rec.state !== 'allocated') continue;
    const before = s.restoredAs(rec.key);
    if (before !== undefined) kept++;
    if (before !== rec.service) changed.push(rec);
  }
  // Every key given before is still allocated unless fewer were met: only then look for the ones gone.
  const removed: string[] = [];
  if (kept < s.size) for (const key of s.keys()) if (view.service(key)?.state !== 'allocated') removed.push(key);
  s.update(changed, removed);
  return s;
}

/**
 * A PendingExplainer for the ledger (`analyze`, `status`, `serve`). It keeps one allocator per ledger, in
 * step with it (followLedger). The allocations of a group of overlapping pools are restored only when an
 * explanation first looks at one of its pools (LazyRestore), so the cost follows the pools the pending
 * services consult, not the size of the cluster. Each pending service is then judged on its own against
 * the allocations that exist (Allocator.explainPending).
 */
export function createPendingExplainer(options: AllocatorOptions = {}): PendingExplainer {
  let state: LazyRestore | null = null;
  return (pending, view) => {
    const s = (state = followLedger(state, view, options));
    const reasons = new Map<string, Reason>();
    for (const svc of pending) {
      const key = `${svc.namespace}/${svc.name}`;
      reasons.set(key, s.allocator.explainPending(svc, view.event(key)));
    }
    return reasons;
  };
}
