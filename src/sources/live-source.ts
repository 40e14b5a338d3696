// The seam for `serve`: a source that keeps a store current (kube watch, manifest files, lab) and reports its health.
import type { EventsInput, ServiceExplanation } from '../core/explain/explain-service.ts';
import type { Report } from '../core/report/types.ts';
import type { SourceHealth } from '../core/report/source-health.ts';
import type { HistoryProvider } from './history-provider.ts';

/** What the server reads from a store: the current report and how many object events it applied. */
export interface ReportSource {
  report(now?: Date): Report;
  /** Everything about the service `namespace/name` (see explainService), or null when there is none. */
  explain?(key: string, events: EventsInput): ServiceExplanation | null;
  readonly eventsApplied: ReadonlyMap<string, number>;
  /** Set by the exporter: called with the seconds each applied object event took. */
  onApplied: ((seconds: number) => void) | null;
}

export interface LiveSource {
  /** The current store; a source may replace it (the manifest source does on every re-read). */
  store(): ReportSource;
  health(): SourceHealth;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Starts reading afresh, keeping what is served meanwhile (after an error nothing else caught); sources that cannot are left alone. */
  restart?(): Promise<void>;
}

/** One cluster as the page and the API read it: its report and, when kept, its history (a fleet source gives one per cluster). */
export interface ClusterView {
  report(): Report;
  history?: HistoryProvider | undefined;
}
