// Requests to the API server authenticated by the client library's configuration: one GET of a list page, or one POST of a review, as plain JSON.
import { request as httpRequest, type Agent, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { systemErrorText } from '../../core/system-error.ts';
import { requestOptions, type RequestOptions } from './credential-plugin.ts';

/** A Kubernetes object as it comes off the wire. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; [k: string]: unknown };
  [k: string]: unknown;
}

export interface KubeList {
  metadata: { resourceVersion?: string; continue?: string };
  items: KubeObject[];
}

/** An HTTP failure; `statusCode` is what the watcher looks at (410 means list again, 404 a CRD that is not installed). */
export class KubeRequestError extends Error {
  readonly statusCode: number | undefined;
  constructor(message: string, statusCode?: number) {
    super(message);
    this.name = 'KubeRequestError';
    this.statusCode = statusCode;
  }
}

/** TCP keep-alive probes after this much idle time, as client-go's dialer does: a peer that vanished is noticed. */
export const KEEP_ALIVE_MS = 30_000;

/**
 * Prepares a GET of `path` with `query`, with the credentials, TLS settings and proxy agent the client
 * library derives from the kubeconfig. The caller listens for 'response' and 'error' and calls `end()`.
 * Aborting `signal` destroys the request (an 'error' named AbortError), however long its timeout.
 */
export async function kubeGet(kc: KubeConfig, path: string, query: Record<string, string>, signal?: AbortSignal): Promise<{ req: ClientRequest; url: URL }> {
  return kubeRequest(kc, 'GET', path, query, signal);
}

async function kubeRequest(kc: KubeConfig, method: 'GET' | 'POST', path: string, query: Record<string, string>, signal?: AbortSignal): Promise<{ req: ClientRequest; url: URL }> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeRequestError('no current cluster in the kubeconfig');
  const url = new URL(cluster.server.replace(/\/+$/, '') + path);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  let init: RequestOptions;
  try {
    // The credential may come from an exec plugin: bounded, and not waited for once `signal` is aborted.
    init = await requestOptions(kc, signal);
  } catch (err) {
    throw new KubeRequestError(`${method} ${url.pathname}: ${signal?.aborted ? 'stopped' : (err as Error).message}`);
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  (init.headers as Headers | undefined)?.forEach((value, key) => (headers[key] = value));
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  if (method === 'POST') headers['content-type'] = 'application/json';
  // An already aborted signal destroys the request on the next tick: nothing is sent.
  const req = request(url, { method, headers, agent: init.agent as Agent | undefined, ...(signal ? { signal } : {}) });
  req.on('socket', (socket) => socket.setKeepAlive(true, KEEP_ALIVE_MS));
  return { req, url };
}

/** The message of a failed response: a Status object's message, else the start of the body. */
export function failureMessage(url: URL, status: number, body: string, method = 'GET'): string {
  let message = body.slice(0, 200);
  try {
    message = (JSON.parse(body) as { message?: string }).message ?? message;
  } catch {
    // not a Status object: keep the start of the body
  }
  return `${method} ${url.pathname}: HTTP ${status}: ${message}`;
}

/** How long a request may take: `totalMs` for the whole answer, and `idleMs` (at most `totalMs`) without a byte arriving. */
export interface RequestTimeouts {
  totalMs: number;
  idleMs?: number;
}

/**
 * Sends a prepared request (with `body`, if any) and resolves with the parsed JSON answer when its status
 * is one of `ok`; rejects with a KubeRequestError naming the request otherwise. The whole exchange has a
 * deadline, as client-go's request timeout is: a server that trickles its answer a byte at a time is
 * given up on as surely as a silent one (which a shorter `idleMs` gives up on sooner).
 */
function requestJson(req: ClientRequest, url: URL, method: 'GET' | 'POST', ok: readonly number[], timeouts: RequestTimeouts, body?: string): Promise<unknown> {
  return new Promise<unknown>((resolveAnswer, rejectAnswer) => {
    const deadline = setTimeout(() => {
      reject(new KubeRequestError(`${method} ${url.pathname}: no complete answer within ${timeouts.totalMs} ms`));
      req.destroy();
    }, timeouts.totalMs);
    if (timeouts.idleMs !== undefined && timeouts.idleMs < timeouts.totalMs) {
      const idleMs = timeouts.idleMs;
      req.setTimeout(idleMs, () => req.destroy(new KubeRequestError(`${method} ${url.pathname}: no answer within ${idleMs} ms`)));
    }
    const resolve = (answer: unknown) => {
      clearTimeout(deadline);
      resolveAnswer(answer);
    };
    const reject = (err: unknown) => {
      clearTimeout(deadline);
      rejectAnswer(err);
    };
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        if (!ok.includes(status)) {
          reject(new KubeRequestError(failureMessage(url, status, text, method), status));
          return;
        }
        try {
          resolve(JSON.parse(text));
        } catch (err) {
          reject(new KubeRequestError(`${method} ${url.pathname}: invalid JSON: ${(err as Error).message}`));
        }
      });
    });
    req.on('error', (err) => {
      if (err.name === 'AbortError') reject(new KubeRequestError(`${method} ${url.pathname}: stopped`));
      else reject(err instanceof KubeRequestError ? err : new KubeRequestError(`${method} ${url.pathname}: ${systemErrorText(err, url.host)}`));
    });
    req.end(body);
  });
}

/**
 * GETs one list page and parses the JSON body. The client's typed list calls turn timestamps into
 * Date objects while watch events stay plain JSON; reading lists raw keeps both paths identical.
 * `timeouts` bound a slow server; `signal` ends the request at once (a stop).
 */
export async function getJson(kc: KubeConfig, path: string, query: Record<string, string>, timeouts: RequestTimeouts, signal?: AbortSignal): Promise<KubeList> {
  const { req, url } = await kubeGet(kc, path, query, signal);
  const body = (await requestJson(req, url, 'GET', [200], timeouts)) as KubeList | null;
  if (body === null || typeof body !== 'object' || (body.items !== undefined && body.items !== null && !Array.isArray(body.items))) {
    throw new KubeRequestError(`GET ${url.pathname}: invalid JSON: not a list`);
  }
  return { metadata: body.metadata ?? {}, items: body.items ?? [] };
}

/** POSTs a JSON object (a TokenReview, a SubjectAccessReview) and parses the answer; 200 and 201 are success. */
export async function postJson(kc: KubeConfig, path: string, body: unknown, timeouts: RequestTimeouts, signal?: AbortSignal): Promise<unknown> {
  const { req, url } = await kubeRequest(kc, 'POST', path, {}, signal);
  return requestJson(req, url, 'POST', [200, 201], timeouts, JSON.stringify(body));
}
