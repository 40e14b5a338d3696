// Runs `poolwatch serve` as a real process on 127.0.0.1 for end-to-end tests, stopped by PID.
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { freePort, startProcess, waitFor, type RunningProcess } from './processes.ts';
import type { Body } from '../../src/server/route.ts';

export const repoRoot = new URL('../..', import.meta.url).pathname;

/** A response body as served, as text (the exposition comes in pieces). */
export function bodyText(body: Body): string {
  return typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : Buffer.concat(body).toString('utf8');
}

export interface RunningServe {
  url: string;
  port: number;
  process: RunningProcess;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
  /** The value of one series in /metrics (exact line match on name and labels), or undefined. */
  metric(series: string): Promise<number | undefined>;
  stop(): Promise<void>;
}

export async function startServe(args: string[], env: Record<string, string> = {}, lifetimeMs = 90_000): Promise<RunningServe> {
  const port = await freePort();
  const proc = startProcess(process.execPath, [join(repoRoot, 'bin', 'poolwatch.js'), 'serve', '--listen', `127.0.0.1:${port}`, ...args], {
    cwd: repoRoot,
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...env },
    lifetimeMs,
  });
  const url = `http://127.0.0.1:${port}`;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}${path}`, { headers });
    return { status: res.status, text: await res.text() };
  };
  await waitFor('poolwatch serve to answer /healthz', async () => ((await get('/healthz')).status === 200 ? true : undefined), 60_000).catch((err) => {
    void proc.stop();
    throw new Error(`${(err as Error).message}\n${proc.output()}`);
  });
  return {
    url,
    port,
    process: proc,
    get,
    async metric(series) {
      const { text } = await get('/metrics');
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    },
    // Generous grace: on a loaded machine a graceful shutdown can take seconds.
    stop: () => proc.stop(15_000),
  };
}

/** A request a fake server holds unanswered: how many it holds now, and how many the client closed meanwhile. */
export interface HeldRequest {
  waiting(): number;
  abandoned(): number;
}

/**
 * Sends SIGTERM while `held` holds poolwatch's request, and checks the order of what follows: the
 * process exits while the request is still unanswered, and poolwatch closed the request itself.
 */
export async function terminateWhileHeld(proc: RunningProcess, held: HeldRequest, what: string): Promise<void> {
  const exited = () => proc.child.exitCode !== null || proc.child.signalCode !== null;
  process.kill(proc.pid, 'SIGTERM');
  await waitFor(`poolwatch to exit while ${what} is held`, async () => (exited() ? true : undefined), 40_000);
  assert.ok(held.waiting() >= 1, `${what} was never answered`);
  await waitFor(`${what} abandoned by poolwatch`, async () => (held.abandoned() >= 1 ? true : undefined), 40_000);
}
