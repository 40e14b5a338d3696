// The reference the lazy explainer is checked against: every allocated service restored into one allocator, each call.
import type { PendingExplainer } from '../../../src/core/analysis/options.ts';
import { Allocator, processingOrderIndices, type AllocatorOptions } from '../../../src/core/allocator/index.ts';
import type { Namespace, Pool, Service } from '../../../src/core/model/types.ts';
import type { Reason } from '../../../src/core/report/types.ts';

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * The explainer before it restored lazily: per call, the changed allocated services and every refused one
 * (when anything changed at all) are restored at once in MetalLB's order, after releasing the ones that
 * went away. Kept simple on purpose, as the definition of the state the lazy one must reproduce.
 */
export function createEagerExplainer(options: AllocatorOptions = {}): PendingExplainer & { allocator: () => Allocator | null } {
  let allocator: Allocator | null = null;
  let pools: readonly Pool[] = [];
  let namespaces: readonly Namespace[] = [];
  const restored = new Map<string, Service>();
  const refused = new Map<string, Service>();

  const explain: PendingExplainer = (pending, view) => {
    const nextPools = view.pools.map((p) => p.pool);
    if (!allocator || !sameItems(pools, nextPools) || !sameItems(namespaces, view.namespaces)) {
      allocator = new Allocator(nextPools, view.namespaces, options);
      pools = nextPools;
      namespaces = [...view.namespaces];
      restored.clear();
      refused.clear();
    }
    const a = allocator;
    const changed: Service[] = [];
    const changedKeys: string[] = [];
    for (const rec of view.services()) {
      if (rec.state === 'allocated' && restored.get(rec.key) !== rec.service) {
        changed.push(rec.service);
        changedKeys.push(rec.key);
      }
    }
    let released = false;
    for (const key of restored.keys()) {
      if (view.service(key)?.state === 'allocated') continue;
      a.release(key);
      restored.delete(key);
      refused.delete(key);
      released = true;
    }
    if (released || changed.length > 0) {
      // A refused service whose object changed is restored once, as the new object.
      const isChanged = new Set(changedKeys);
      for (const [key, svc] of refused) {
        if (isChanged.has(key)) continue;
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
  return Object.assign(explain, { allocator: () => allocator });
}
