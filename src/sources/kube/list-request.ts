// Plain JSON requests to the API server (a list GET, the same shape watch events carry; a review POST), authenticated by the client library.
import { request as httpRequest, type Agent } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

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

/** An HTTP failure; `statusCode` is what the informer looks at (410 means relist). */
export class KubeRequestError extends Error {
  readonly statusCode: number | undefined;
  constructor(message: string, statusCode?: number) {
    super(message);
    this.name = 'KubeRequestError';
    this.statusCode = statusCode;
  }
}

/**
 * GETs `path` (with query) and parses the JSON body. The client's typed list calls turn timestamps
 * into Date objects while watch events stay plain JSON; reading lists raw keeps both paths identical.
 */
export async function getJson(kc: KubeConfig, path: string, query: Record<string, string>, timeoutMs: number): Promise<KubeList> {
  const body = (await requestJson(kc, 'GET', path, query, undefined, timeoutMs)) as KubeList | null;
  if (body === null || typeof body !== 'object') throw new KubeRequestError(`GET ${path}: the answer is not a JSON object`);
  return { metadata: body.metadata ?? {}, items: body.items ?? [] };
}

/** POSTs a JSON object (a TokenReview, a SubjectAccessReview) and parses the answer; 200 and 201 are success. */
export function postJson(kc: KubeConfig, path: string, body: unknown, timeoutMs: number): Promise<unknown> {
  return requestJson(kc, 'POST', path, {}, body, timeoutMs);
}

async function requestJson(kc: KubeConfig, method: 'GET' | 'POST', path: string, query: Record<string, string>, body: unknown, timeoutMs: number): Promise<unknown> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeRequestError('no current cluster in the kubeconfig');
  const url = new URL(cluster.server.replace(/\/+$/, '') + path);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const init = await kc.applyToFetchOptions({});
  const headers: Record<string, string> = { accept: 'application/json' };
  (init.headers as Headers | undefined)?.forEach((value, key) => (headers[key] = value));
  const payload = body === undefined ? null : JSON.stringify(body);
  if (payload !== null) headers['content-type'] = 'application/json';
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<unknown>((resolve, reject) => {
    const req = request(url, { method, headers, agent: init.agent as Agent | undefined, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        if (status !== 200 && status !== 201) {
          let message = text.slice(0, 200);
          try {
            message = (JSON.parse(text) as { message?: string }).message ?? message;
          } catch {
            // not a Status object: keep the start of the body
          }
          reject(new KubeRequestError(`${method} ${url.pathname}: HTTP ${status}: ${message}`, status));
          return;
        }
        try {
          resolve(JSON.parse(text));
        } catch (err) {
          reject(new KubeRequestError(`${method} ${url.pathname}: invalid JSON: ${(err as Error).message}`));
        }
      });
    });
    req.on('timeout', () => req.destroy(new KubeRequestError(`${method} ${url.pathname}: no answer within ${timeoutMs} ms`)));
    req.on('error', (err) => reject(err instanceof KubeRequestError ? err : new KubeRequestError(`${method} ${url.pathname}: ${err.message}`)));
    req.end(payload ?? undefined);
  });
}
