// The page's view of the JSON API: the wire types it reads and the fetch calls (same origin, relative URLs).

export interface FamilyUsageJson {
  total: string;
  inUse: string;
  available: string;
  utilization: number;
}

export interface PoolJson {
  name: string;
  namespace: string;
  autoAssign: boolean;
  avoidBuggyIPs: boolean;
  priority: number | null;
  addresses: string[];
  ipv4: FamilyUsageJson | null;
  ipv6: FamilyUsageJson | null;
  services: number;
  namespaces: Record<string, { ipv4: string; ipv6: string }>;
}

export interface ServiceJson {
  namespace: string;
  name: string;
  state: 'allocated' | 'pending' | 'ignored';
  pool: string | null;
  ips: string[];
  sharingKey: string | null;
  reason: { code: string; message: string } | null;
}

export interface FindingJson {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  objects: string[];
  location: string | null;
}

export interface StatusJson {
  generatedAt: string;
  pools: PoolJson[];
  services: ServiceJson[];
  findings: FindingJson[];
}

export interface ForecastJson {
  pool: string;
  family: 'ipv4' | 'ipv6';
  inUse: string;
  total: string;
  state: 'filling' | 'not-filling' | 'exhausted' | 'insufficient-history';
  trendPerDay: number | null;
  exhaustsAtSeconds: number | null;
  summary: string;
  hint: string | null;
}

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

export const api = {
  status: () => getJson<StatusJson>('api/v1/status'),
  forecast: () => getJson<ForecastListJson>('api/v1/forecast'),
  history: (pool: string, family: string, fromSeconds: number) =>
    getJson<HistoryJson>(`api/v1/history?${new URLSearchParams({ pool, family, from: String(Math.floor(fromSeconds)) })}`),
};
