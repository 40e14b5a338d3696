// Batch and live analysis: a ledger wired to the allocator's pending explainer, and a snapshot loaded into it.
import { createPendingExplainer } from '../allocator/ledger-explainer.ts';
import { PoolLedger } from '../analysis/ledger.ts';
import type { AnalysisOptions } from '../analysis/options.ts';
import { KINDS } from '../model/kinds/index.ts';
import type { Kind } from '../model/kinds/kind.ts';
import type { ClusterSnapshot } from '../model/snapshot.ts';
import type { Report } from '../report/types.ts';

export interface AnalyzeOptions extends AnalysisOptions {
  /** The report's generatedAt (injected so output is reproducible). */
  now: Date;
}

/** A ledger whose pending services are explained by the MetalLB-faithful allocator unless `explainPending` says otherwise (null: not at all). */
export function createLedger(options: AnalysisOptions = {}): PoolLedger {
  const explainPending = options.explainPending === undefined ? createPendingExplainer({ lbClass: options.loadBalancerClass ?? null }) : options.explainPending;
  return new PoolLedger({ ...options, explainPending });
}

/** Slots in the order a batch load applies them: whole lists, then single objects, then batch loaders. */
const LOAD_ORDER: ReadonlyArray<Kind<unknown>> = (() => {
  const rank = (k: Kind<unknown>) => (k.live.mode === 'all' ? 0 : k.live.load ? 2 : 1);
  const firstOfSlot = (KINDS as ReadonlyArray<Kind<unknown>>).filter((k, i) => KINDS.findIndex((o) => o.slot === k.slot) === i);
  return firstOfSlot.map((k, i) => ({ k, i })).sort((a, b) => rank(a.k) - rank(b.k) || a.i - b.i).map(({ k }) => k);
})();

/** Loads a whole snapshot into a fresh ledger, each slot the way its kind says. */
export function ledgerFromSnapshot(snapshot: ClusterSnapshot, options: AnalysisOptions = {}): PoolLedger {
  const ledger = createLedger(options);
  ledger.setProblems(snapshot.problems);
  ledger.setConfig(snapshot.config);
  for (const kind of LOAD_ORDER) {
    const values = snapshot[kind.slot as keyof ClusterSnapshot] as unknown[];
    const live = kind.live;
    if (live.mode === 'all') live.set(ledger, values);
    else if (live.load) live.load(ledger, values);
    else for (const v of values) live.upsert(ledger, v);
  }
  return ledger;
}

export function analyze(snapshot: ClusterSnapshot, options: AnalyzeOptions): Report {
  return ledgerFromSnapshot(snapshot, options).report(options.now);
}
