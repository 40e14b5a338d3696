// Batch analysis: a snapshot goes through the same incremental ledger the watch source uses, and a Report comes out.
import { KINDS } from '../model/kinds/index.ts';
import type { Kind } from '../model/kinds/kind.ts';
import type { ClusterSnapshot } from '../model/snapshot.ts';
import type { Report } from '../report/types.ts';
import { PoolLedger } from './ledger.ts';
import type { AnalysisOptions } from './options.ts';

export interface AnalyzeOptions extends AnalysisOptions {
  /** The report's generatedAt (injected so output is reproducible). */
  now: Date;
}

/** Slots in the order a batch load applies them: whole lists, then single objects, then batch loaders. */
const LOAD_ORDER: ReadonlyArray<Kind<unknown>> = (() => {
  const rank = (k: Kind<unknown>) => (k.live.mode === 'all' ? 0 : k.live.load ? 2 : 1);
  const firstOfSlot = (KINDS as ReadonlyArray<Kind<unknown>>).filter((k, i) => KINDS.findIndex((o) => o.slot === k.slot) === i);
  return firstOfSlot.map((k, i) => ({ k, i })).sort((a, b) => rank(a.k) - rank(b.k) || a.i - b.i).map(({ k }) => k);
})();

/** Loads a whole snapshot into a fresh ledger, each slot the way its kind says. */
export function ledgerFromSnapshot(snapshot: ClusterSnapshot, options: AnalysisOptions = {}): PoolLedger {
  const ledger = new PoolLedger(options);
  ledger.setProblems(snapshot.problems);
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
