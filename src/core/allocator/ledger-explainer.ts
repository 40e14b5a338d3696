// The analysis seam: explains the ledger's pending services with an Allocator kept in step with the ledger between calls.
import type { PendingExplainer } from '../analysis/options.ts';
import type { Namespace, Pool, Service } from '../model/types.ts';
import type { Reason } from '../report/types.ts';
import { Allocator, type AllocatorOptions } from './allocator.ts';
import { processingOrderIndices } from './simulate.ts';

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * A PendingExplainer for the ledger (`analyze`, `status`, `serve`). It keeps one Allocator per ledger and,
 * on each call, restores only the allocated services whose object changed since the last call and releases
 * the ones that went away, so a watch event costs one pass over the service records, not a re-allocation of
 * every service. A new pool or namespace list rebuilds it. Each pending service is then judged on its own
 * against the allocations that exist (Allocator.explainPending).
 */
export function createPendingExplainer(options: AllocatorOptions = {}): PendingExplainer {
  let allocator: Allocator | null = null;
  let pools: readonly Pool[] = [];
  let namespaces: readonly Namespace[] = [];
  const restored = new Map<string, Service>();
  /** Services whose addresses MetalLB would not keep: retried when another service lets go of something. */
  const refused = new Map<string, Service>();

  return (pending, view) => {
    const nextPools = view.pools.map((p) => p.pool);
    if (!allocator || !sameItems(pools, nextPools) || !sameItems(namespaces, view.namespaces)) {
      allocator = new Allocator(nextPools, view.namespaces, options);
      pools = nextPools;
      namespaces = [...view.namespaces];
      restored.clear();
      refused.clear();
    }
    const a = allocator;
    // Keys come from the ledger's records (their hashes are cached), so no key text is rebuilt per service.
    const changed: Service[] = [];
    const changedKeys: string[] = [];
    for (const rec of view.services()) {
      if (rec.state !== 'allocated') continue;
      if (restored.get(rec.key) !== rec.service) {
        changed.push(rec.service);
        changedKeys.push(rec.key);
      }
    }
    let released = false;
    // Deleting the entry being visited is safe while iterating a Map.
    for (const key of restored.keys()) {
      if (view.service(key)?.state === 'allocated') continue;
      a.release(key);
      restored.delete(key);
      refused.delete(key);
      released = true;
    }
    if (released || changed.length > 0) {
      const isChanged = new Set(changed);
      for (const [key, svc] of refused) {
        if (isChanged.has(svc)) continue;
        changed.push(svc);
        changedKeys.push(key);
      }
    }
    for (const i of processingOrderIndices(changed)) {
      const svc = changed[i]!;
      const key = changedKeys[i]!;
      restored.set(key, svc);
      if (a.restore(svc).ok) refused.delete(key);
      else refused.set(key, svc);
    }
    const reasons = new Map<string, Reason>();
    for (const svc of pending) {
      const key = `${svc.namespace}/${svc.name}`;
      reasons.set(key, a.explainPending(svc, view.event(key)));
    }
    return reasons;
  };
}
