// Batch and live analysis: a ledger wired to the allocator's pending explainer, and a snapshot loaded into it.
import { createPendingExplainer } from '../allocator/ledger-explainer.ts';
import { PoolLedger } from '../analysis/ledger.ts';
import type { AnalysisOptions } from '../analysis/options.ts';
import type { ClusterSnapshot } from '../model/types.ts';
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

/** Loads a whole snapshot into a fresh ledger. */
export function ledgerFromSnapshot(snapshot: ClusterSnapshot, options: AnalysisOptions = {}): PoolLedger {
  const ledger = createLedger(options);
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
