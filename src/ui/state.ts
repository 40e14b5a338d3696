// What the page knows: the latest status and forecasts from the API, and lookups derived from them.
import type { FindingsJson, ForecastJson, ForecastListJson, PoolsJson, ServiceJson, ServicesJson } from './api.ts';

export interface PageData {
  generatedAt: string;
  pools: PoolsJson['pools'];
  pending: ServiceJson[];
  findings: FindingsJson['findings'];
  summary: FindingsJson['summary'];
  forecast: ForecastListJson;
  forecastByKey: Map<string, ForecastJson>;
}

export function forecastKey(pool: string, family: string): string {
  return `${family}\u0000${pool}`;
}

export function pageData(pools: PoolsJson, pending: ServicesJson, findings: FindingsJson, forecast: ForecastListJson): PageData {
  const forecastByKey = new Map<string, ForecastJson>();
  for (const f of forecast.forecasts) forecastByKey.set(forecastKey(f.pool, f.family), f);
  return { generatedAt: pools.generatedAt, pools: pools.pools, pending: pending.services, findings: findings.findings, summary: findings.summary, forecast, forecastByKey };
}

/** The route from the location hash: `#/`, `#/pool/<name>`, `#/pending`, `#/findings`, each with `?query`. */
export interface Route {
  view: 'overview' | 'pool' | 'pending' | 'findings';
  pool: string | null;
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = raw.split('?', 2);
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'pool' && parts[1] !== undefined) {
    let pool = parts.slice(1).join('/');
    try {
      pool = decodeURIComponent(pool);
    } catch {
      // keep it as written
    }
    return { view: 'pool', pool, params };
  }
  if (parts[0] === 'pending') return { view: 'pending', pool: null, params };
  if (parts[0] === 'findings') return { view: 'findings', pool: null, params };
  return { view: 'overview', pool: null, params };
}

export function routeHash(view: Route['view'], params: Record<string, string>, pool?: string): string {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '')).toString();
  const path = view === 'overview' ? '/' : view === 'pool' ? `/pool/${encodeURIComponent(pool ?? '')}` : `/${view}`;
  return `#${path}${query ? `?${query}` : ''}`;
}
