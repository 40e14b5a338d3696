// The options serve's in-process benchmarks give createApp: a healthy source, the MetalLB names and the per-service families on, no process metrics.
import type { AppOptions } from '../src/server/app.ts';
import type { ReportSource } from '../src/sources/live-source.ts';
import { silentLogger } from '../src/log.ts';

export function benchAppOptions(store: ReportSource): AppOptions {
  return {
    store: () => store,
    health: () => ({ source: 'bench', up: true, ready: true, lastSyncMs: Date.now(), restarts: {}, notes: [] }),
    compat: true,
    serviceMetrics: true,
    processMetrics: false,
    log: silentLogger,
  };
}
