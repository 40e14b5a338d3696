// A real Alertmanager (Debian package prometheus-alertmanager) for tests: loopback, no HA peering, temporary storage, stopped by PID.
import { join } from 'node:path';
import { startServer, type RunningServer } from './processes.ts';

export const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';

export interface RunningAlertmanager extends RunningServer {
  /** The alerts it currently holds (`GET /api/v2/alerts`). */
  alerts(): Promise<Array<{ labels: Record<string, string>; annotations: Record<string, string>; status: { state: string } }>>;
}

/** Starts Alertmanager with `config` (default: one receiver that notifies nobody). */
export async function startAlertmanager(options: { config?: string; lifetimeMs?: number } = {}): Promise<RunningAlertmanager> {
  const server = await startServer('Alertmanager', ALERTMANAGER, {
    files: { 'alertmanager.yml': options.config ?? "route: { receiver: 'null' }\nreceivers: [{ name: 'null' }]\n" },
    args: (dir, port) => [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // An empty address turns off the gossip listener of HA mode (it would bind every interface).
      '--cluster.listen-address=',
    ],
    readyPath: '/-/ready',
    lifetimeMs: options.lifetimeMs,
  });
  return {
    ...server,
    async alerts() {
      return (await (await fetch(`${server.url}/api/v2/alerts`)).json()) as never;
    },
  };
}
