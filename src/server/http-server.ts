// The HTTP server as a value: routes, bearer token, optional TLS, JSON errors, access logs and graceful close.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { PoolwatchError, type ErrorCode } from '../core/errors.ts';
import { bearerToken, type Authenticator } from './auth/authenticator.ts';
import { fixedTokenAuth } from './auth/static-token.ts';
import { RouteTable, type Reply, type Route, type ServerDeps } from './route.ts';
import { routes as defaultRoutes } from './routes/index.ts';

export interface ServerOptions {
  deps: ServerDeps;
  routes?: readonly Route[];
  /** When set, every route except those with `auth: false` needs a bearer token this accepts. */
  auth?: Authenticator | null;
  /** Shorthand for `auth: fixedTokenAuth(token)`. */
  authToken?: string | null;
  /** PEM contents; both set means HTTPS. */
  tls?: { cert: string | Buffer; key: string | Buffer } | null;
}

export interface PoolwatchServer {
  /** Starts listening; resolves with the bound address. */
  listen(port: number, host?: string): Promise<AddressInfo>;
  /** Stops accepting, lets requests in flight finish for up to `graceMs`, then closes what is left. */
  close(graceMs?: number): Promise<void>;
  /** Registers a callback run at close (e.g. to end server-sent event streams). */
  onClose(fn: () => void): void;
  server: Server;
}

const STATUS_FOR: Partial<Record<ErrorCode, number>> = {
  'invalid-argument': 400,
  'invalid-address': 400,
  'not-found': 404,
  'source-unavailable': 503,
};

function errorReply(status: number, code: string, message: string, headers?: Record<string, string>): Reply {
  return {
    status,
    contentType: 'application/json; charset=utf-8',
    body: `${JSON.stringify({ error: { code, message } })}\n`,
    ...(headers ? { headers } : {}),
  };
}

export function createServer(options: ServerOptions): PoolwatchServer {
  const table = new RouteTable(options.routes ?? defaultRoutes);
  const { deps } = options;
  const log = deps.log;
  const closers: Array<() => void> = [];
  const auth = options.auth ?? (options.authToken ? fixedTokenAuth(options.authToken) : null);
  // Open event streams would keep the server from closing.
  if (deps.live) closers.push(() => deps.live!.close());
  // Aborted by close(): an access check still asking the API server ends then, and its request is answered,
  // instead of holding the shutdown for the whole grace time.
  const closing = new AbortController();

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<Reply | null> {
    let url: URL;
    try {
      // The path as sent: resolved against a base, `//metrics` would name a host `metrics` and the path `/`.
      const target = req.url ?? '/';
      url = new URL(target.startsWith('/') ? `http://poolwatch${target}` : target);
    } catch {
      return errorReply(400, 'invalid-argument', 'the request target is not a valid URL');
    }
    let matched;
    try {
      matched = table.match(url.pathname);
    } catch {
      return errorReply(400, 'invalid-argument', 'the path is not validly percent-encoded');
    }
    if (!matched) return errorReply(404, 'not-found', `no such endpoint: ${url.pathname}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return errorReply(405, 'method-not-allowed', `${req.method ?? '?'} is not allowed on ${url.pathname}: use GET or HEAD`, { allow: 'GET, HEAD' });
    }
    if (auth && matched.route.auth !== false) {
      // A review still asking the API server ends when the caller leaves, or when the server closes: nothing outlives the server.
      const ended = new AbortController();
      res.once('close', () => ended.abort(new Error('the caller closed the connection')));
      const shutdown = () => ended.abort(closing.signal.reason);
      closing.signal.addEventListener('abort', shutdown, { once: true });
      let decision;
      try {
        decision = await auth.check({ token: bearerToken(req.headers.authorization), path: url.pathname, signal: ended.signal });
      } finally {
        closing.signal.removeEventListener('abort', shutdown);
      }
      if (!decision.allowed) {
        return errorReply(decision.status, decision.code, decision.message, decision.status === 401 ? { 'www-authenticate': 'Bearer realm="poolwatch"' } : undefined);
      }
    }
    try {
      return await matched.route.handle({ url, params: matched.params, method: req.method, req, res }, deps);
    } catch (err) {
      if (err instanceof PoolwatchError) return errorReply(STATUS_FOR[err.code] ?? 500, err.code, err.oneLine());
      log.error('request failed', { path: url.pathname, error: err instanceof Error ? err.message : String(err) });
      return errorReply(500, 'internal', 'internal error (see the poolwatch log)');
    }
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    dispatch(req, res)
      .then((reply) => {
        if (reply === null) return; // the route streams its own response
        const chunks = typeof reply.body === 'string' ? [Buffer.from(reply.body)] : Buffer.isBuffer(reply.body) ? [reply.body] : reply.body;
        res.writeHead(reply.status ?? 200, {
          'content-type': reply.contentType,
          'content-length': String(chunks.reduce((n, c) => n + c.length, 0)),
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
          // Once the server is closing, a connection is not kept for another request: it would hold the close until the grace time.
          ...(closing.signal.aborted ? { connection: 'close' } : {}),
          ...reply.headers,
        });
        if (req.method !== 'HEAD') {
          // Corked: the pieces leave in one write of many buffers, without being copied into one.
          res.cork();
          for (const chunk of chunks) res.write(chunk);
        }
        res.end();
        log.debug('request', { method: req.method, path: req.url, status: reply.status ?? 200, ms: Math.round((performance.now() - started) * 10) / 10 });
      })
      .catch((err: unknown) => {
        log.error('response failed', { error: err instanceof Error ? err.message : String(err) });
        res.destroy();
      });
  };

  const server: Server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handler) : createHttpServer(handler);
  // Slow or idle clients must not hold sockets forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  return {
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    onClose(fn) {
      closers.push(fn);
    },
    async close(graceMs = 5000) {
      if (!server.listening) return;
      closing.abort(new Error('the server is shutting down'));
      for (const fn of closers) fn();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(timer);
    },
  };
}
