// The analysis seam: explains the ledger's pending services with an allocator reading the ledger's own address index.
import type { LedgerView } from '../analysis/ledger-view.ts';
import type { PendingExplainer, PendingExplanation } from '../analysis/options.ts';
import { Allocator, type AllocatorOptions } from './allocator.ts';

/**
 * A PendingExplainer for the ledger (`analyze`, `status`, `serve`). The allocator reads who holds which
 * address from the ledger itself (nothing is restored or copied), so an explanation costs what the
 * pending services consult; the compiled pool configuration is kept while the ledger's pools and
 * namespaces stay the same. Each pending service is judged on its own (Allocator.explainPending).
 */
export function createPendingExplainer(options: AllocatorOptions = {}): PendingExplainer {
  let kept: { view: LedgerView; pools: LedgerView['pools']; namespaces: LedgerView['namespaces']; allocator: Allocator } | null = null;
  return (pending, view) => {
    if (!kept || kept.view !== view || kept.pools !== view.pools || kept.namespaces !== view.namespaces) {
      kept = { view, pools: view.pools, namespaces: view.namespaces, allocator: Allocator.reading(view, options) };
    }
    const reasons = new Map<string, PendingExplanation>();
    for (const svc of pending) {
      const key = `${svc.namespace}/${svc.name}`;
      reasons.set(key, kept.allocator.explain(svc, view.event(key)));
    }
    return reasons;
  };
}
