// Starting and stopping real helper processes in tests: loopback only, bounded waits, stopped by PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A free TCP port on 127.0.0.1 (bound and released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Lets two turns of the event loop pass, so that what a server in this process has already written to a
 * loopback socket has been read by its client (on a loaded machine a turn can take long).
 */
export async function readPendingIo(): Promise<void> {
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

export interface RunningProcess {
  pid: number;
  child: ChildProcess;
  output(): string;
  /** Sends SIGTERM to the PID, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Spawns a process, collecting its output, with a hard lifetime after which it is killed. */
export function startProcess(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; lifetimeMs?: number } = {}): RunningProcess {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  // 'close' (not 'exit'): by then every byte the process wrote has been collected.
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const lifetime = setTimeout(() => child.pid && process.kill(child.pid, 'SIGKILL'), options.lifetimeMs ?? 120_000);
  lifetime.unref();
  return {
    pid: child.pid ?? -1,
    child,
    output: () => out,
    async stop(graceMs = 5000) {
      clearTimeout(lifetime);
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(child.pid!, 'SIGTERM');
      const killed = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
      if (!killed) {
        process.kill(child.pid!, 'SIGKILL');
        await exited;
      }
    },
  };
}

export interface RunningServer {
  url: string;
  /** The server's temporary folder (removed by stop). */
  dir: string;
  process: RunningProcess;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** Files written into the temporary folder before the start, by name. */
  files?: Record<string, string>;
  /** The command line, given the temporary folder and a free port on 127.0.0.1. */
  args(dir: string, port: number): string[];
  /** Path that answers 2xx once the server is ready, e.g. `/-/ready`. */
  readyPath: string;
  lifetimeMs?: number;
}

/**
 * Starts a server binary in a temporary folder on a free loopback port and waits until it is ready (failing at once
 * if it exits, with its output). stop() ends it by PID and removes the folder.
 */
export async function startServer(what: string, command: string, options: ServerOptions): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), `poolwatch-${what.toLowerCase().replace(/[^a-z]+/g, '-')}-`));
  for (const [name, content] of Object.entries(options.files ?? {})) writeFileSync(join(dir, name), content);
  const port = await freePort();
  const proc = startProcess(command, options.args(dir, port), { lifetimeMs: options.lifetimeMs });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await proc.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  const exited = () => proc.child.exitCode !== null || proc.child.signalCode !== null;
  const state = await waitFor(`${what} to be ready`, async () => (exited() ? 'exited' : (await fetch(`${url}${options.readyPath}`)).ok ? 'ready' : undefined)).catch(
    (err: unknown) => (err as Error).message,
  );
  if (state !== 'ready') {
    await stop();
    throw new Error(`${state === 'exited' ? `${what} exited` : state}\n${proc.output()}`);
  }
  return { url, dir, process: proc, stop };
}
