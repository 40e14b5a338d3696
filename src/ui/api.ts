// The page's view of the JSON API: the wire types it reads and the fetch calls (same origin, relative URLs).

export type { FamilyUsageJson, PoolJson } from '../core/report/json.ts';
import type { ReportJson } from '../core/report/json.ts';
import type { ForecastJson } from '../core/forecast/describe.ts';
export type { ForecastJson };

export type StatusJson = ReportJson;
export type ServiceJson = ReportJson['services'][number];
export type FindingJson = ReportJson['findings'][number];

export interface ForecastListJson {
  /** The server's clock in seconds (the lab runs its own clock). */
  now: number;
  lookbackSeconds: number;
  forecasts: ForecastJson[];
}

export interface HistoryJson {
  pool: string;
  family: 'ipv4' | 'ipv6';
  /** [seconds, inUse, total] */
  points: Array<[number, string, string]>;
}

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) {
    let detail = '';
    try {
      detail = ((await res.json()) as { error?: { message?: string } }).error?.message ?? '';
    } catch {
      // not JSON: the status line says enough
    }
    throw new Error(`${path}: HTTP ${res.status}${detail ? `: ${detail}` : ''}`);
  }
  return (await res.json()) as T;
}

export interface PoolsJson {
  generatedAt: string;
  pools: StatusJson['pools'];
}

export interface ServicesJson {
  generatedAt: string;
  services: ServiceJson[];
}

export interface FindingsJson {
  generatedAt: string;
  findings: FindingJson[];
  summary: StatusJson['summary'];
}

/** The page never loads the whole status: with 100,000 services that is tens of MB. */
export const api = {
  pools: () => getJson<PoolsJson>('api/v1/pools'),
  pending: () => getJson<ServicesJson>('api/v1/services?state=pending'),
  poolServices: (pool: string) => getJson<ServicesJson>(`api/v1/services?${new URLSearchParams({ pool })}`),
  findings: () => getJson<FindingsJson>('api/v1/findings'),
  forecast: () => getJson<ForecastListJson>('api/v1/forecast'),
  history: (pool: string, family: string, fromSeconds: number) =>
    getJson<HistoryJson>(`api/v1/history?${new URLSearchParams({ pool, family, from: String(Math.floor(fromSeconds)) })}`),
};
