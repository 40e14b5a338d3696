// Bounds a kubeconfig's exec credential plugin (users[].user.exec), which the client library runs without a limit: one run at a time, killed at a deadline or when nobody waits for it any more.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import type { KubeConfig } from '@kubernetes/client-node';
import { ExecAuth } from '@kubernetes/client-node/dist/exec_auth.js';

/** What the client library adds to a request: the credential's headers and the TLS agent. */
export type RequestOptions = Awaited<ReturnType<KubeConfig['applyToFetchOptions']>>;

/** How long a plugin may take to print a credential. */
export const DEFAULT_PLUGIN_TIMEOUT_MS = 60_000;

/** A plugin that failed or gave no credential in time; the message names the plugin and the kubeconfig user. */
export class CredentialPluginError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialPluginError';
  }
}

type Spawn = (command: string, args: readonly string[] | undefined, options: SpawnOptions) => ChildProcess;

/** One run of the plugin, shared by every request that needs a credential meanwhile. */
interface Run {
  result: Promise<RequestOptions>;
  waiters: number;
  children: Set<ChildProcess>;
  settled: boolean;
}

interface Bound {
  timeoutMs: number;
  run: Run | null;
  /** Plugin processes killed at the deadline. */
  overdue: WeakSet<ChildProcess>;
}

const bounds = new WeakMap<KubeConfig, Bound>();

/** Ends a plugin and whatever it started: it runs as the leader of its own process group. */
function kill(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/**
 * Makes the client library run `kc`'s exec credential plugin through poolwatch's bound (once per
 * KubeConfig; a later call sets the timeout). The library keeps its own handling of the plugin's
 * answer (the ExecCredential, its cache until `expirationTimestamp`); only the process is poolwatch's.
 */
export function boundCredentialPlugin(kc: KubeConfig, timeoutMs = DEFAULT_PLUGIN_TIMEOUT_MS): void {
  const known = bounds.get(kc);
  if (known) {
    known.timeoutMs = timeoutMs;
    return;
  }
  const bound: Bound = { timeoutMs, run: null, overdue: new WeakSet() };
  const authenticators = (kc as unknown as { authenticators?: unknown[] }).authenticators;
  const execAuth = authenticators?.find((a) => a instanceof ExecAuth) as { execFn?: Spawn } | undefined;
  // A library upgrade that moved this is caught by the tests of hanging plugins; fail loudly rather than run plugins unbounded.
  if (typeof execAuth?.execFn !== 'function') throw new Error('the Kubernetes client library no longer runs exec credential plugins through ExecAuth.execFn');
  execAuth.execFn = (command, args, options) => {
    const child = spawn(command, args ?? [], { ...options, detached: true });
    const deadline = setTimeout(() => {
      bound.overdue.add(child);
      kill(child);
    }, bound.timeoutMs);
    child.once('exit', () => clearTimeout(deadline));
    bound.run?.children.add(child);
    return child;
  };
  bounds.set(kc, bound);
}

/** The current user's plugin (`exec`, or the older `auth-provider` form), if it has one. */
function pluginOf(kc: KubeConfig): { command?: string } | undefined {
  const user = kc.getCurrentUser();
  return (user?.exec ?? user?.authProvider?.config?.exec) as { command?: string } | undefined;
}

function usesPlugin(kc: KubeConfig): boolean {
  return pluginOf(kc) !== undefined;
}

/** The user's plugin, for messages: `the exec credential plugin "aws" of kubeconfig user "admin"`. */
function pluginName(kc: KubeConfig): string {
  const user = kc.getCurrentUser();
  const exec = pluginOf(kc);
  return `the exec credential plugin ${JSON.stringify(exec?.command ?? '?')} of kubeconfig user ${JSON.stringify(user?.name ?? '?')}`;
}

function seconds(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/**
 * The client library's request options for `kc` (credentials, TLS agent). When the user's credential
 * comes from an exec plugin, the requests that need one meanwhile share one run of it; `signal` stops
 * waiting at once, and a run nobody waits for any more is killed.
 */
export async function requestOptions(kc: KubeConfig, signal?: AbortSignal): Promise<RequestOptions> {
  signal?.throwIfAborted();
  if (!usesPlugin(kc)) return kc.applyToFetchOptions({});
  boundCredentialPlugin(kc, bounds.get(kc)?.timeoutMs);
  const bound = bounds.get(kc)!;
  const run = bound.run ?? startRun(kc, bound);
  run.waiters++;
  return new Promise<RequestOptions>((resolve, reject) => {
    const stop = () => {
      leave();
      reject(signal!.reason);
    };
    const leave = () => {
      signal?.removeEventListener('abort', stop);
      run.waiters--;
      if (run.waiters > 0 || run.settled) return;
      // Nobody waits for this run any more (a stop): end it, and let the next request start afresh.
      if (bound.run === run) bound.run = null;
      for (const child of run.children) kill(child);
    };
    signal?.addEventListener('abort', stop, { once: true });
    run.result.then(
      (init) => {
        if (signal?.aborted) return;
        leave();
        resolve(init);
      },
      (err: unknown) => {
        if (signal?.aborted) return;
        leave();
        reject(err);
      },
    );
  });
}

function startRun(kc: KubeConfig, bound: Bound): Run {
  const run: Run = { result: Promise.resolve({}), waiters: 0, children: new Set(), settled: false };
  bound.run = run;
  run.result = kc.applyToFetchOptions({}).then(
    (init) => init,
    (err: unknown) => {
      // Nothing was run (a credential file the library could not read, say): not the plugin's failure.
      if (run.children.size === 0) throw err;
      const name = pluginName(kc);
      if ([...run.children].some((c) => bound.overdue.has(c))) throw new CredentialPluginError(`${name} gave no credential within ${seconds(bound.timeoutMs)}`);
      const detail = (err instanceof Error ? err.message : String(err)).trim().split('\n')[0];
      throw new CredentialPluginError(`${name} failed: ${detail || 'it exited with an error and printed nothing'}`);
    },
  );
  void run.result.finally(() => {
    run.settled = true;
    if (bound.run === run) bound.run = null;
  }).catch(() => undefined);
  return run;
}
