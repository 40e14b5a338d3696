// A real Alertmanager (Debian package prometheus-alertmanager) for tests: loopback, no HA peering, temporary storage, stopped by PID.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startProcess, waitFor, type RunningProcess } from './processes.ts';

export const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';

export interface RunningAlertmanager {
  url: string;
  process: RunningProcess;
  /** The alerts it currently holds (`GET /api/v2/alerts`). */
  alerts(): Promise<Array<{ labels: Record<string, string>; annotations: Record<string, string>; status: { state: string } }>>;
  stop(): Promise<void>;
}

/** Starts Alertmanager with `config` (default: one receiver that notifies nobody). */
export async function startAlertmanager(options: { config?: string; lifetimeMs?: number } = {}): Promise<RunningAlertmanager> {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-am-'));
  writeFileSync(join(dir, 'alertmanager.yml'), options.config ?? "route: { receiver: 'null' }\nreceivers: [{ name: 'null' }]\n");
  const port = await freePort();
  const proc = startProcess(
    ALERTMANAGER,
    [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // An empty address turns off the gossip listener of HA mode (it would bind every interface).
      '--cluster.listen-address=',
    ],
    { lifetimeMs: options.lifetimeMs },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await proc.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  await waitFor('Alertmanager to be ready', async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined)).catch(async (err) => {
    await stop();
    throw new Error(`${(err as Error).message}\n${proc.output()}`);
  });
  return {
    url,
    process: proc,
    async alerts() {
      return (await (await fetch(`${url}/api/v2/alerts`)).json()) as never;
    },
    stop,
  };
}
