// A store over one whole snapshot (manifest files): the same ledger and report as the live store, loaded at once.
import { ledgerFromSnapshot } from '../core/pipeline/analyze.ts';
import type { PoolLedger } from '../core/analysis/ledger.ts';
import type { AnalysisOptions } from '../core/analysis/options.ts';
import type { ClusterSnapshot } from '../core/model/snapshot.ts';
import type { Report } from '../core/report/types.ts';
import { explainService, type EventsInput, type ServiceExplanation } from '../core/explain/explain-service.ts';
import type { ReportSource } from './live-source.ts';

export class SnapshotStore implements ReportSource {
  readonly ledger: PoolLedger;
  readonly eventsApplied: ReadonlyMap<string, number>;
  onApplied: ((seconds: number) => void) | null = null;
  private cached: Report | null = null;

  constructor(snapshot: ClusterSnapshot, options: AnalysisOptions = {}) {
    this.ledger = ledgerFromSnapshot(snapshot, options);
    this.eventsApplied = new Map();
  }

  report(now: Date = new Date()): Report {
    return (this.cached ??= this.ledger.report(now));
  }

  explain(key: string, events: EventsInput, now: Date = new Date()): ServiceExplanation | null {
    return explainService(this.ledger, key, { now, events });
  }
}
