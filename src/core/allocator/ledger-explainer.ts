// The analysis seam: explains the ledger's pending services with an allocator reading the ledger's own address index.
import type { LedgerView } from '../analysis/ledger-view.ts';
import type { PendingExplainer, PendingExplanation } from '../analysis/options.ts';
import { emptySnapshot } from '../model/snapshot.ts';
import { serviceKey, type Service } from '../model/types.ts';
import { Allocator, notAppliedBecause, type AllocatorOptions } from './allocator.ts';
import { notApplied } from './reasons/not-applied.ts';
import { simulate } from './simulate.ts';

/**
 * A PendingExplainer for the ledger (`analyze`, `status`, `serve`). The allocator reads who holds which
 * address from the ledger itself (nothing is restored or copied), so an explanation costs what the
 * pending services consult; the compiled pool configuration is kept while the ledger's pools and
 * namespaces stay the same. Each pending service is judged on its own (Allocator.explainPending), except
 * manifests never applied that MetalLB would serve (not-applied; see inOrder).
 */
export function createPendingExplainer(options: AllocatorOptions = {}): PendingExplainer {
  let kept: { view: LedgerView; pools: LedgerView['pools']; namespaces: LedgerView['namespaces']; allocator: Allocator } | null = null;
  return (pending, view) => {
    if (!kept || kept.view !== view || kept.pools !== view.pools || kept.namespaces !== view.namespaces) {
      kept = { view, pools: view.pools, namespaces: view.namespaces, allocator: Allocator.reading(view, options) };
    }
    const reasons = new Map<string, PendingExplanation>();
    const unapplied = new Set<string>();
    for (const svc of pending) {
      const key = `${svc.namespace}/${svc.name}`;
      const why = kept.allocator.explain(svc, view.event(key));
      reasons.set(key, why);
      if (why.reason.code === notApplied.code) unapplied.add(key);
    }
    if (unapplied.size > 0) inOrder(view, options, unapplied, reasons);
    return reasons;
  };
}

/**
 * Manifests never applied compete for the same free addresses: judged each on its own, ten new services
 * would all be told the same next address. What each really gets is what `simulate` says (MetalLB's order,
 * each result committed before the next), so their reasons are taken from one simulation of the ledger's
 * services: the address it would get, or why it would stay pending once the services before it have theirs.
 */
function inOrder(view: LedgerView, options: AllocatorOptions, unapplied: ReadonlySet<string>, reasons: Map<string, PendingExplanation>): void {
  // Services never applied are met in the order they are written (simulate's input order, for a folder: files by
  // name, then lines), not in the order the ledger happened to take them: the answer must not depend on event order.
  const services = [...view.services()].map((r) => r.service).sort(byWhereWritten);
  const snapshot = { ...emptySnapshot(), pools: view.pools.map((p) => p.pool), namespaces: [...view.namespaces], services };
  for (const s of simulate(snapshot, options).services) {
    const key = serviceKey(s.service);
    if (!unapplied.has(key)) continue;
    if (s.state === 'allocated' && s.pool !== null) reasons.set(key, { reason: notAppliedBecause(s.pool, s.ips), pool: s.pool });
    else if (s.reason) {
      const reason = { code: s.reason.code, message: `not applied yet, and once the new services before it (in MetalLB's order) have their addresses: ${s.reason.message}` };
      reasons.set(key, { reason, pool: s.reasonPool });
    }
  }
}

/** Where a service is written (file, line, column), then its key; one without a location after those with one. */
function byWhereWritten(a: Service, b: Service): number {
  const la = a.location;
  const lb = b.location;
  if (la && lb) {
    if (la.file !== lb.file) return la.file < lb.file ? -1 : 1;
    if (la.line !== lb.line) return la.line - lb.line;
    if (la.col !== lb.col) return la.col - lb.col;
  } else if (la || lb) return la ? -1 : 1;
  const ka = serviceKey(a);
  const kb = serviceKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
