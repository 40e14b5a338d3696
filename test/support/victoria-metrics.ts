// A real VictoriaMetrics single node and vmalert (Debian package victoria-metrics) for tests: loopback, temporary data, stopped by PID.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startProcess, waitFor, type RunningProcess } from './processes.ts';
import { activeAlerts, instantQuery, type ActiveAlert, type InstantSample } from './prometheus.ts';

export const VICTORIA_METRICS = '/usr/bin/victoria-metrics';
export const VMALERT = '/usr/bin/vmalert';

export interface RunningVictoriaMetrics {
  url: string;
  /** Where Prometheus' `remote_write` sends samples. */
  remoteWriteUrl: string;
  process: RunningProcess;
  query(expr: string, time?: number): Promise<InstantSample[]>;
  stop(): Promise<void>;
}

export interface RunningVmalert {
  url: string;
  process: RunningProcess;
  alerts(): Promise<ActiveAlert[]>;
  stop(): Promise<void>;
}

async function ready(what: string, proc: RunningProcess, url: string, stop: () => Promise<void>): Promise<void> {
  const exited = () => proc.child.exitCode !== null || proc.child.signalCode !== null;
  const state = await waitFor(`${what} to be ready`, async () => (exited() ? 'exited' : (await fetch(`${url}/health`)).ok ? 'ready' : undefined)).catch(
    (err: unknown) => (err as Error).message,
  );
  if (state === 'ready') return;
  await stop();
  throw new Error(`${state === 'exited' ? `${what} exited` : state}\n${proc.output()}`);
}

export async function startVictoriaMetrics(options: { lifetimeMs?: number } = {}): Promise<RunningVictoriaMetrics> {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-vm-'));
  const port = await freePort();
  const proc = startProcess(
    VICTORIA_METRICS,
    [
      `-httpListenAddr=127.0.0.1:${port}`,
      `-storageDataPath=${join(dir, 'data')}`,
      '-retentionPeriod=1',
      // By default queries leave out the last 30 s (samples still in flight from scrapers); tests read at once.
      '-search.latencyOffset=0s',
      '-search.disableCache',
      '-loggerLevel=WARN',
    ],
    { lifetimeMs: options.lifetimeMs },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await proc.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  await ready('VictoriaMetrics', proc, url, stop);
  return { url, remoteWriteUrl: `${url}/api/v1/write`, process: proc, query: (expr, time) => instantQuery(url, expr, time), stop };
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
  const port = await freePort();
  const proc = startProcess(
    VMALERT,
    [
      `-rule=${options.ruleFile}`,
      `-datasource.url=${options.datasourceUrl}`,
      `-remoteWrite.url=${options.remoteWriteUrl}`,
      `-notifier.url=${options.notifierUrl}`,
      `-httpListenAddr=127.0.0.1:${port}`,
      `-evaluationInterval=${options.interval ?? '1s'}`,
      '-loggerLevel=WARN',
    ],
    { lifetimeMs: options.lifetimeMs },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = () => proc.stop();
  await ready('vmalert', proc, url, stop);
  return { url, process: proc, alerts: () => activeAlerts(url), stop };
}
