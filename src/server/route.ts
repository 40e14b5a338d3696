// The shape of one HTTP route and the small helpers handlers use: one route per file, listed once in routes/index.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PoolwatchError } from '../core/errors.ts';
import type { Report } from '../core/report/types.ts';
import type { EventsInput, ServiceExplanation } from '../core/explain/explain-service.ts';
import type { Logger } from '../log.ts';
import type { SourceHealth } from '../core/report/source-health.ts';
import type { HistoryProvider } from '../sources/history-provider.ts';
import type { ClusterView } from '../sources/live-source.ts';
import type { LiveFeed } from './live-feed.ts';

/** What handlers can read. Features that need more (history, forecasts) add optional fields here. */
export interface ServerDeps {
  /** The current report (cached until the snapshot changes). */
  report(): Report;
  /** Everything about one service `namespace/name` (GET /api/v1/services/{namespace}/{name}); null when there is none. */
  explain?(key: string, events: EventsInput): ServiceExplanation | null;
  health(): SourceHealth;
  /** The Prometheus exposition text (or its UTF-8 bytes, whole or in consecutive pieces). */
  metrics(): Promise<{ contentType: string; body: Body }>;
  log: Logger;
  /** Usage history and forecasts (absent: /api/v1/history and /api/v1/forecast answer 404). */
  history?: HistoryProvider;
  /** What the page needs to know about this server (GET /api/v1/info). */
  info?: ServerInfo;
  /** Present on a fleet server (serve --source prometheus): each cluster's report and history, read from the store. */
  fleet?: { view(cluster: string): Promise<ClusterView> };
  /** Live page documents (GET /api/v1/live and the event stream /api/v1/events); absent: those answer 404. */
  live?: LiveFeeds;
}

export interface ServerInfo {
  /** `cluster`: one cluster's poolwatch; `fleet`: many clusters read from a Prometheus-compatible store. */
  mode: 'cluster' | 'fleet';
  source: string;
  /** Present when the clock is not real time (the lab): simulated seconds per real second. */
  simulatedSpeed: number | null;
}

export interface LiveFeeds {
  /** The feed for `?cluster=` (undefined: this server's one cluster, or a fleet server's overview). */
  feed(cluster: string | undefined): Promise<LiveFeed>;
  close(): void;
}

export interface RouteRequest {
  url: URL;
  /** Values of `{name}` segments, decoded. */
  params: Record<string, string>;
  method: 'GET' | 'HEAD';
  req: IncomingMessage;
  /** For handlers that stream (server-sent events): write to it and return null. */
  res: ServerResponse;
}

/** A response body: text, bytes, or consecutive pieces of bytes written one after the other. */
export type Body = string | Buffer | readonly Buffer[];

export interface Reply {
  status?: number;
  contentType: string;
  body: Body;
  headers?: Record<string, string>;
}

export interface Route {
  /** `/api/v1/pools/{name}`: `{x}` matches one path segment; a final `{x*}` matches the rest of the path. */
  path: string;
  /** Whether the bearer token (when configured) is required. Default true; health probes set false. */
  auth?: boolean;
  /** Returns the reply, or null when it wrote the response itself. Throw PoolwatchError for 400/404. */
  handle(request: RouteRequest, deps: ServerDeps): Reply | null | Promise<Reply | null>;
}

export function json(value: unknown, status = 200): Reply {
  return { status, contentType: 'application/json; charset=utf-8', body: `${JSON.stringify(value, null, 2)}\n` };
}

export function text(body: string, status = 200, contentType = 'text/plain; charset=utf-8'): Reply {
  return { status, contentType, body };
}

/** Rejects query parameters a route does not know, and values outside `allowed` (when given): a typo is a 400, not an empty answer. */
export function readQuery(url: URL, spec: Record<string, readonly string[] | null>): Record<string, string | undefined> {
  // A null prototype, and own keys only: `?__proto__=1` or `?constructor=x` is an unknown key, not a member of Object.prototype.
  const out: Record<string, string | undefined> = Object.create(null) as Record<string, string | undefined>;
  for (const [key, value] of url.searchParams) {
    if (!Object.hasOwn(spec, key)) {
      const known = Object.keys(spec);
      throw new PoolwatchError('invalid-argument', `unknown query parameter "${key}"${known.length ? ` (known: ${known.join(', ')})` : ''}`);
    }
    const allowed = spec[key];
    if (allowed && !allowed.includes(value)) {
      throw new PoolwatchError('invalid-argument', `query parameter ${key}="${value}" is not one of ${allowed.join(', ')}`);
    }
    if (value === '') throw new PoolwatchError('invalid-argument', `query parameter ${key} is empty`);
    out[key] = value;
  }
  return out;
}

interface CompiledRoute {
  route: Route;
  parts: Array<{ literal: string } | { param: string; rest: boolean }>;
}

/** Matches paths against routes; literal routes win over parameter routes, in list order otherwise. */
export class RouteTable {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map((route) => ({
      route,
      parts: route.path
        .split('/')
        .slice(1)
        .map((p) => {
          const m = /^\{([A-Za-z_][A-Za-z0-9_]*)(\*)?\}$/.exec(p);
          return m ? { param: m[1]!, rest: m[2] === '*' } : { literal: p };
        }),
    }));
    // Most specific first: more literal segments before parameters.
    this.compiled.sort((a, b) => literalCount(b) - literalCount(a));
    const seen = new Set<string>();
    for (const c of this.compiled) {
      if (seen.has(c.route.path)) throw new Error(`route ${c.route.path} is listed twice`);
      seen.add(c.route.path);
    }
  }

  match(pathname: string): { route: Route; params: Record<string, string> } | null {
    const segments = pathname.split('/').slice(1);
    for (const c of this.compiled) {
      const params = matchParts(c.parts, segments);
      if (params) return { route: c.route, params };
    }
    return null;
  }
}

function literalCount(c: CompiledRoute): number {
  return c.parts.filter((p) => 'literal' in p).length * 2 - (c.parts.some((p) => 'rest' in p && p.rest) ? 1 : 0);
}

function matchParts(parts: CompiledRoute['parts'], segments: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if ('literal' in part) {
      if (segments[i] !== part.literal) return null;
      continue;
    }
    if (part.rest) {
      const rest = segments.slice(i);
      if (rest.length === 0 || rest.join('') === '') return null;
      params[part.param] = rest.map(decodeURIComponent).join('/');
      return params;
    }
    const seg = segments[i];
    if (seg === undefined || seg === '') return null;
    params[part.param] = decodeURIComponent(seg);
  }
  return segments.length === parts.length ? params : null;
}
