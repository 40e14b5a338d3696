// A real VictoriaMetrics single node and vmalert (Debian package victoria-metrics) for tests: loopback, temporary data, stopped by PID.
import { join } from 'node:path';
import { startServer, type RunningServer } from './processes.ts';
import { activeAlerts, instantQuery, type ActiveAlert, type InstantSample } from './prometheus.ts';

export const VICTORIA_METRICS = '/usr/bin/victoria-metrics';
export const VMALERT = '/usr/bin/vmalert';

export interface RunningVictoriaMetrics extends RunningServer {
  /** Where Prometheus' `remote_write` sends samples. */
  remoteWriteUrl: string;
  query(expr: string, time?: number): Promise<InstantSample[]>;
}

export interface RunningVmalert extends RunningServer {
  alerts(): Promise<ActiveAlert[]>;
}

export async function startVictoriaMetrics(options: { lifetimeMs?: number } = {}): Promise<RunningVictoriaMetrics> {
  const server = await startServer('VictoriaMetrics', VICTORIA_METRICS, {
    args: (dir, port) => [
      `-httpListenAddr=127.0.0.1:${port}`,
      `-storageDataPath=${join(dir, 'data')}`,
      '-retentionPeriod=1',
      // By default queries leave out the last 30 s (samples still in flight from scrapers); tests read at once.
      '-search.latencyOffset=0s',
      '-search.disableCache',
      '-loggerLevel=WARN',
    ],
    readyPath: '/health',
    lifetimeMs: options.lifetimeMs,
  });
  return { ...server, remoteWriteUrl: `${server.url}/api/v1/write`, query: (expr, time) => instantQuery(server.url, expr, time) };
}

/**
 * vmalert evaluating `ruleFile` against a Prometheus-compatible query API every `interval`, sending alerts to the
 * Alertmanager at `notifierUrl`; recording rules and alert states are written to `remoteWriteUrl`.
 */
export async function startVmalert(options: {
  ruleFile: string;
  datasourceUrl: string;
  remoteWriteUrl: string;
  notifierUrl: string;
  interval?: string;
  lifetimeMs?: number;
}): Promise<RunningVmalert> {
  const server = await startServer('vmalert', VMALERT, {
    args: (_dir, port) => [
      `-rule=${options.ruleFile}`,
      `-datasource.url=${options.datasourceUrl}`,
      `-remoteWrite.url=${options.remoteWriteUrl}`,
      `-notifier.url=${options.notifierUrl}`,
      `-httpListenAddr=127.0.0.1:${port}`,
      `-evaluationInterval=${options.interval ?? '1s'}`,
      '-loggerLevel=WARN',
    ],
    readyPath: '/health',
    lifetimeMs: options.lifetimeMs,
  });
  return { ...server, alerts: () => activeAlerts(server.url) };
}
