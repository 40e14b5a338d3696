// The page's view of the JSON API: the wire types it reads, the bearer token it sends, and the fetch calls (same origin, relative URLs).

export type { FamilyUsageJson, PoolJson } from '../core/report/json.ts';
import type { ReportJson } from '../core/report/json.ts';
import type { ForecastJson } from '../core/forecast/describe.ts';
import type { ServiceExplanation } from '../core/explain/explain-service.ts';
export type { ForecastJson };
/** GET /api/v1/services/{namespace}/{name}: what `poolwatch explain -o json` prints. */
export type ServiceExplanationJson = ServiceExplanation;

export type StatusJson = ReportJson;
export type ServiceJson = ReportJson['services'][number];
export type FindingJson = ReportJson['findings'][number];

export interface ForecastListJson {
  /** The server's clock in seconds (the lab runs its own clock). */
  now: number;
  lookbackSeconds: number;
  forecasts: ForecastJson[];
}

/** GET /api/v1/live and every server-sent `update`: what the views of one cluster show. */
export interface LiveJson {
  generatedAt: string;
  pools: StatusJson['pools'];
  pending: ServiceJson[];
  findings: FindingJson[];
  summary: StatusJson['summary'];
  forecast: ForecastListJson | null;
}

/** GET /api/v1/live on a fleet server (no `cluster`): every cluster in the store with its pools and forecasts. */
export interface FleetJson {
  generatedAt: string;
  clusters: Array<{
    name: string;
    pools: StatusJson['pools'];
    summary: StatusJson['summary'];
    forecast: ForecastListJson;
  }>;
}

export interface InfoJson {
  mode: 'cluster' | 'fleet';
  source: string;
  simulatedSpeed: number | null;
}

export interface HistoryJson {
  pool: string;
  family: 'ipv4' | 'ipv6';
  /** [seconds, inUse, total] */
  points: Array<[number, string, string]>;
}

export interface ServicesJson {
  generatedAt: string;
  services: ServiceJson[];
}

const TOKEN_KEY = 'poolwatch-token';

/** The access token for a server run with an auth token: typed once, kept for this tab only (session storage). */
export const token = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (value: string) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** The server wants a (different) token: the page asks for one instead of retrying. */
export class Unauthorized extends Error {}

export function requestHeaders(accept: string): Record<string, string> {
  const t = token.get();
  return t ? { accept, authorization: `Bearer ${t}` } : { accept };
}

/** Throws Unauthorized on 401, else an Error naming the path, status and the server's message. */
export async function checkResponse(path: string, res: Response): Promise<Response> {
  if (res.ok) return res;
  let detail = '';
  try {
    detail = ((await res.json()) as { error?: { message?: string } }).error?.message ?? '';
  } catch {
    // not JSON: the status line says enough
  }
  const message = `${path}: HTTP ${res.status}${detail ? `: ${detail}` : ''}`;
  throw res.status === 401 ? new Unauthorized(message) : new Error(message);
}

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: requestHeaders('application/json'), cache: 'no-store' });
  return (await (await checkResponse(path, res)).json()) as T;
}

/** A query string with `cluster` added on a fleet server. */
export function query(cluster: string | null, params: Record<string, string> = {}): string {
  const all = new URLSearchParams(params);
  if (cluster !== null) all.set('cluster', cluster);
  const text = all.toString();
  return text ? `?${text}` : '';
}

/** The page never loads the whole service list: with 100,000 services that is tens of MB. */
export const api = {
  info: () => getJson<InfoJson>('api/v1/info'),
  live: (cluster: string | null) => getJson<LiveJson>(`api/v1/live${query(cluster)}`),
  poolServices: (cluster: string | null, pool: string) => getJson<ServicesJson>(`api/v1/services${query(cluster, { pool })}`),
  service: (namespace: string, name: string) => getJson<ServiceExplanationJson>(`api/v1/services/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`),
  history: (cluster: string | null, pool: string, family: string, fromSeconds: number) =>
    getJson<HistoryJson>(`api/v1/history${query(cluster, { pool, family, from: String(Math.floor(fromSeconds)) })}`),
};
