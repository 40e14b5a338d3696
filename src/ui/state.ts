// What the page knows: the latest status and forecasts from the API, and lookups derived from them.
import type { FindingJson, ForecastJson, ForecastListJson, LiveJson, PoolJson, ServiceJson, StatusJson } from './api.ts';
import { poolState, type PoolState } from './format.ts';

export interface PageData {
  generatedAt: string;
  pools: StatusJson['pools'];
  pending: ServiceJson[];
  findings: FindingJson[];
  summary: StatusJson['summary'];
  forecast: ForecastListJson;
  forecastByKey: Map<string, ForecastJson>;
}

export function forecastKey(pool: string, family: string): string {
  return `${family}\u0000${pool}`;
}

/** A pool's badge: its capacity, or "filling" when its forecast would raise the filling-up warning. */
export function poolCondition(data: PageData, pool: PoolJson): PoolState {
  return poolState(pool, (family) => data.forecastByKey.get(forecastKey(pool.name, family)) ?? null, data.forecast.now);
}

export function pageData(doc: LiveJson): PageData {
  // A server without history sends no forecasts: the page still needs a clock.
  const forecast = doc.forecast ?? { now: Date.parse(doc.generatedAt) / 1000, lookbackSeconds: 0, forecasts: [] };
  const forecastByKey = new Map<string, ForecastJson>();
  for (const f of forecast.forecasts) forecastByKey.set(forecastKey(f.pool, f.family), f);
  return { generatedAt: doc.generatedAt, pools: doc.pools, pending: doc.pending, findings: doc.findings, summary: doc.summary, forecast, forecastByKey };
}

/**
 * The route from the location hash: `#/`, `#/pool/<name>`, `#/service/<namespace>/<name>`, `#/pending`, `#/findings`, each with `?query`;
 * on a fleet server the same views of one cluster are under `#/cluster/<cluster>/...`, and `#/` is the fleet.
 */
export interface Route {
  view: 'overview' | 'pool' | 'service' | 'pending' | 'findings';
  cluster: string | null;
  /** The pool's name (`pool` view), or the service's `namespace/name` (`service` view). */
  pool: string | null;
  params: URLSearchParams;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // keep it as written
  }
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = raw.split('?', 2);
  const params = new URLSearchParams(query);
  let parts = path.split('/').filter(Boolean);
  let cluster: string | null = null;
  if (parts[0] === 'cluster' && parts[1] !== undefined) {
    cluster = decoded(parts[1]);
    parts = parts.slice(2);
  }
  if (parts[0] === 'pool' && parts[1] !== undefined) return { view: 'pool', cluster, pool: decoded(parts.slice(1).join('/')), params };
  if (parts[0] === 'service' && parts.length === 3) return { view: 'service', cluster, pool: `${decoded(parts[1]!)}/${decoded(parts[2]!)}`, params };
  if (parts[0] === 'pending') return { view: 'pending', cluster, pool: null, params };
  if (parts[0] === 'findings') return { view: 'findings', cluster, pool: null, params };
  return { view: 'overview', cluster, pool: null, params };
}

export function routeHash(view: Route['view'], params: Record<string, string>, pool?: string, cluster: string | null = null): string {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '')).toString();
  const path =
    view === 'overview' ? '/'
    : view === 'pool' ? `/pool/${encodeURIComponent(pool ?? '')}`
    : view === 'service' ? `/service/${(pool ?? '/').split('/').map(encodeURIComponent).join('/')}`
    : `/${view}`;
  const prefix = cluster === null ? '' : `/cluster/${encodeURIComponent(cluster)}`;
  return `#${prefix}${prefix && path === '/' ? '' : path}${query ? `?${query}` : ''}`;
}
