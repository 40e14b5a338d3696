// The HTTP edge to a Prometheus-compatible query API (Prometheus, Thanos, Mimir, VictoriaMetrics): built-in fetch, one-line errors.
import { systemErrorText } from '../core/system-error.ts';
import { PoolwatchError } from '../core/errors.ts';

const TIMEOUT_MS = 15_000;

/**
 * GET `path` (relative to the base URL, which may carry a path prefix) and return `data.result`. A store
 * that does not answer fails after 15 s; aborting `signal` (serve stopping) ends the query at once.
 */
export async function queryApi<T>(base: string, path: string, params: Record<string, string>, signal?: AbortSignal): Promise<T> {
  let url: URL;
  try {
    url = new URL(path, base.endsWith('/') ? base : `${base}/`);
  } catch {
    throw new PoolwatchError('invalid-argument', `--prometheus-url ${JSON.stringify(base)} is not a URL (expected http://HOST:PORT[/PATH])`);
  }
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const stopped = () => new PoolwatchError('source-unavailable', 'the query to Prometheus was stopped', { location: base });
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  let res: Response;
  try {
    res = await fetch(url, { signal: signal ? AbortSignal.any([timeout, signal]) : timeout, headers: { accept: 'application/json' } });
  } catch (err) {
    if (signal?.aborted) throw stopped();
    throw new PoolwatchError('source-unavailable', `cannot reach Prometheus: ${systemErrorText(err, base)}`, { location: base });
  }
  let body: { status?: string; error?: string; data?: { result?: unknown } };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    if (signal?.aborted) throw stopped();
    throw new PoolwatchError('source-unavailable', `Prometheus answered ${res.status} with something that is not JSON`, { location: base });
  }
  if (body.status !== 'success') throw new PoolwatchError('source-unavailable', `Prometheus query failed: ${body.error ?? res.status}`, { location: base });
  return body.data!.result as T;
}
