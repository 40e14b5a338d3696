// A real Prometheus (Debian package) for tests: loopback listener, temporary data folder, stopped by PID; and the query API client every Prometheus-compatible store shares.
import { join } from 'node:path';
import { startServer, waitFor, type RunningServer } from './processes.ts';

export interface PrometheusOptions {
  /** prometheus.yml content; `scrape_configs` targets must be on 127.0.0.1. Default: no scrape configs. */
  config?: string;
  /** An existing TSDB folder (e.g. made by `promtool tsdb create-blocks-from openmetrics`). */
  dataDir?: string;
  extraArgs?: string[];
  /** Hard lifetime after which the process is killed (default: startProcess's). */
  lifetimeMs?: number;
}

/** One series of an instant vector, as the query API returns it. */
export interface InstantSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** An alert as `GET /api/v1/alerts` of Prometheus and vmalert lists it. */
export interface ActiveAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: string;
}

/** Instant query against any Prometheus-compatible query API (Prometheus, VictoriaMetrics); returns `data.result`. */
export async function instantQuery(url: string, expr: string, time?: number): Promise<InstantSample[]> {
  const params = new URLSearchParams({ query: expr });
  if (time !== undefined) params.set('time', String(time));
  const res = await fetch(`${url}/api/v1/query?${params}`);
  const body = (await res.json()) as { status: string; error?: string; data?: { resultType: string; result: InstantSample[] } };
  if (body.status !== 'success') throw new Error(`query ${expr} failed: ${body.error ?? res.status}`);
  if (body.data!.resultType !== 'vector') throw new Error(`query ${expr} returned a ${body.data!.resultType}, not a vector`);
  return body.data!.result;
}

/** The alerts a Prometheus or vmalert currently holds (pending and firing). */
export async function activeAlerts(url: string): Promise<ActiveAlert[]> {
  const res = await fetch(`${url}/api/v1/alerts`);
  const body = (await res.json()) as { status: string; data: { alerts: ActiveAlert[] | null } };
  if (body.status !== 'success') throw new Error(`GET ${url}/api/v1/alerts failed: ${res.status}`);
  return body.data.alerts ?? [];
}

export interface RunningPrometheus extends RunningServer {
  /** Instant query; returns the `data.result` vector. */
  query(expr: string, time?: number): Promise<InstantSample[]>;
}

export async function startPrometheus(options: PrometheusOptions = {}): Promise<RunningPrometheus> {
  const server = await startServer('Prometheus', '/usr/bin/prometheus', {
    files: { 'prometheus.yml': options.config ?? 'global:\n  scrape_interval: 1s\n' },
    args: (dir, port) => [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${options.dataDir ?? join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=3650d',
      ...(options.extraArgs ?? []),
    ],
    readyPath: '/-/ready',
    lifetimeMs: options.lifetimeMs,
  });
  return { ...server, query: (expr, time) => instantQuery(server.url, expr, time) };
}

/**
 * Reads until `describe` of what was read equals `expected`, for at most `timeoutMs` (rule groups run on partial
 * data until the first scrapes land); returns the last read either way, for the caller's assertion to show.
 */
export async function settled<T>(read: () => Promise<T>, describe: (value: T) => string[], expected: string[], timeoutMs = 20_000): Promise<T> {
  let last = await read();
  await waitFor('the alerts to settle', async () => {
    last = await read();
    return JSON.stringify(describe(last)) === JSON.stringify(expected) ? true : undefined;
  }, timeoutMs).catch(() => undefined);
  return last;
}

/** Every rule of every group as a Prometheus or vmalert rules API lists it: name, health and last error. */
export async function ruleHealth(url: string): Promise<Array<{ name: string; health: string; lastError?: string }>> {
  const body = (await (await fetch(`${url}/api/v1/rules`)).json()) as { data: { groups: Array<{ rules: Array<{ name: string; health: string; lastError?: string }> }> } };
  return body.data.groups.flatMap((g) => g.rules);
}
