// Batch analysis: a snapshot goes through the same incremental ledger the watch source uses, and a Report comes out.
import type { ClusterSnapshot } from '../model/types.ts';
import type { Report } from '../report/types.ts';
import { PoolLedger } from './ledger.ts';
import type { AnalysisOptions } from './options.ts';

export interface AnalyzeOptions extends AnalysisOptions {
  /** The report's generatedAt (injected so output is reproducible). */
  now: Date;
}

/** Loads a whole snapshot into a fresh ledger. */
export function ledgerFromSnapshot(snapshot: ClusterSnapshot, options: AnalysisOptions = {}): PoolLedger {
  const ledger = new PoolLedger(options);
  ledger.setPools(snapshot.pools);
  ledger.setAdvertisements(snapshot.advertisements);
  ledger.setNamespaces(snapshot.namespaces);
  ledger.setProblems(snapshot.problems);
  ledger.setConfig(snapshot.config);
  for (const ev of snapshot.events) ledger.upsertEvent(ev);
  ledger.loadServices(snapshot.services);
  return ledger;
}

export function analyze(snapshot: ClusterSnapshot, options: AnalyzeOptions): Report {
  return ledgerFromSnapshot(snapshot, options).report(options.now);
}
