// How a live source is doing, as read by /readyz, /api/v1/status and the exporter's own metrics (the sources fill it in).

export interface SourceHealth {
  /** `kube`, `manifests` or `lab`. */
  source: string;
  /** Everything the source reads is currently in sync (a CRD that is not installed does not count against it). */
  up: boolean;
  /** The first full sync has completed (stays true afterwards, while stale data is served). */
  ready: boolean;
  /** When the source was last known to be in sync (ms since the epoch), or null before the first sync. */
  lastSyncMs: number | null;
  /** Kubernetes: when the API server was last heard from (list, event or bookmark), by resource; null before that. */
  lastEventMs?: Record<string, number | null>;
  /** Kubernetes: watch lines that could not be used and watches taken for dead, by resource and reason. */
  watchErrors?: Record<string, Record<string, number>>;
  /** Why the source is not ready although it has synced before (it has been failing too long). */
  unready?: string;
  /** Restarts after errors, by resource. */
  restarts: Record<string, number>;
  /** Short notes for people, e.g. a CRD that is not installed or the last error. */
  notes: string[];
}
