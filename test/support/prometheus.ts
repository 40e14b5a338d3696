// A real Prometheus (Debian package) for tests: loopback listener, temporary data folder, stopped by PID.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startProcess, waitFor, type RunningProcess } from './processes.ts';

export interface PrometheusOptions {
  /** prometheus.yml content; `scrape_configs` targets must be on 127.0.0.1. Default: no scrape configs. */
  config?: string;
  /** An existing TSDB folder (e.g. made by `promtool tsdb create-blocks-from openmetrics`). */
  dataDir?: string;
  extraArgs?: string[];
}

export interface RunningPrometheus {
  url: string;
  process: RunningProcess;
  /** Instant query; returns the `data.result` vector. */
  query(expr: string, time?: number): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>>;
  stop(): Promise<void>;
}

export async function startPrometheus(options: PrometheusOptions = {}): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-prom-'));
  const configPath = join(dir, 'prometheus.yml');
  writeFileSync(configPath, options.config ?? 'global:\n  scrape_interval: 1s\n');
  const port = await freePort();
  const proc = startProcess('/usr/bin/prometheus', [
    `--config.file=${configPath}`,
    `--storage.tsdb.path=${options.dataDir ?? join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--storage.tsdb.retention.time=3650d',
    ...(options.extraArgs ?? []),
  ]);
  const url = `http://127.0.0.1:${port}`;
  await waitFor('Prometheus to be ready', async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined)).catch((err) => {
    void proc.stop();
    throw new Error(`${(err as Error).message}\n${proc.output()}`);
  });
  return {
    url,
    process: proc,
    async query(expr, time) {
      const params = new URLSearchParams({ query: expr });
      if (time !== undefined) params.set('time', String(time));
      const res = await fetch(`${url}/api/v1/query?${params}`);
      const body = (await res.json()) as { status: string; error?: string; data?: { result: never } };
      if (body.status !== 'success') throw new Error(`query ${expr} failed: ${body.error ?? res.status}`);
      return body.data!.result;
    },
    async stop() {
      await proc.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
