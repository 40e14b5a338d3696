// The HTTP server in-process: routes, JSON errors, 400/404/405, bearer token, HEAD, TLS and graceful close.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../src/log.ts';
import { kubernetesAuth } from '../../../src/server/auth/kubernetes-auth.ts';
import { createServer, type ServerOptions } from '../../../src/server/http-server.ts';
import { RouteTable, text, type ServerDeps } from '../../../src/server/route.ts';
import type { SourceHealth } from '../../../src/core/report/source-health.ts';
import { assertGolden } from '../../support/golden.ts';
import { sampleReport } from '../../support/sample-report.ts';

function deps(health: Partial<SourceHealth> = {}): ServerDeps {
  return {
    report: sampleReport,
    health: () => ({ source: 'kube', up: true, ready: true, lastSyncMs: 1_763_719_200_000, restarts: {}, notes: [], ...health }),
    metrics: async () => ({ contentType: 'text/plain; version=0.0.4; charset=utf-8', body: 'poolwatch_source_up 1\n' }),
    log: silentLogger,
  };
}

async function withServer(options: Partial<ServerOptions>, fn: (base: string) => Promise<void>) {
  const server = createServer({ deps: deps(), ...options });
  const addr = await server.listen(0, '127.0.0.1');
  try {
    await fn(`http://127.0.0.1:${addr.port}`);
  } finally {
    await server.close();
  }
}

test('serves the JSON API from the report, with counts as strings', async () => {
  await withServer({}, async (base) => {
    const res = await fetch(`${base}/api/v1/status`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    const body = await res.text();
    const status = JSON.parse(body);
    assert.equal(status.apiVersion, 'poolwatch/v1');
    assert.equal(status.pools[0].ipv6.total, '18446744073709551616');
    assert.equal(status.pools[1].ipv6, null);
    assert.deepEqual(status.source, { name: 'kube', up: true, ready: true, lastSync: '2025-11-21T10:00:00.000Z', notes: [] });
    assertGolden(join(import.meta.dirname, '..', '..', 'golden', 'api', 'status.json'), body);

    const pools = await (await fetch(`${base}/api/v1/pools`)).json();
    assert.deepEqual(pools.pools.map((p: { name: string }) => p.name), ['default', 'small']);
    const one = await (await fetch(`${base}/api/v1/pools/default`)).json();
    assert.equal(one.pool.ipv4.inUse, '3');
    assert.deepEqual(one.services.map((s: { name: string }) => s.name), ['dns', 'web']);

    const pending = await (await fetch(`${base}/api/v1/services?state=pending`)).json();
    assert.deepEqual(pending.services.map((s: { name: string }) => s.name), ['api']);
    const ops = await (await fetch(`${base}/api/v1/services?namespace=ops`)).json();
    assert.deepEqual(ops.services.map((s: { name: string }) => s.name), ['dns']);
    const none = await (await fetch(`${base}/api/v1/services?namespace=nowhere&state=allocated`)).json();
    assert.deepEqual(none.services, []);
  });
});

test('answers errors as JSON: 404 unknown path or pool, 400 bad query, 405 other methods', async () => {
  await withServer({}, async (base) => {
    const cases: Array<[string, RequestInit, number, string]> = [
      ['/nope', {}, 404, 'not-found'],
      ['/api/v1/pools/missing', {}, 404, 'not-found'],
      ['/api/v1/pools/%E0%A4%A', {}, 400, 'invalid-argument'],
      ['/api/v1/services?state=stuck', {}, 400, 'invalid-argument'],
      ['/api/v1/services?stat=pending', {}, 400, 'invalid-argument'],
      ['/api/v1/services?namespace=', {}, 400, 'invalid-argument'],
      ['/api/v1/status?x=1', {}, 400, 'invalid-argument'],
      ['/api/v1/status', { method: 'POST' }, 405, 'method-not-allowed'],
      ['/metrics', { method: 'DELETE' }, 405, 'method-not-allowed'],
    ];
    for (const [path, init, status, code] of cases) {
      const res = await fetch(`${base}${path}`, init);
      assert.equal(res.status, status, path);
      const body = await res.json();
      assert.equal(body.error.code, code, path);
      assert.equal(typeof body.error.message, 'string');
      if (status === 405) assert.equal(res.headers.get('allow'), 'GET, HEAD');
    }
    const msg = (await (await fetch(`${base}/api/v1/services?state=stuck`)).json()).error.message;
    assert.equal(msg, 'query parameter state="stuck" is not one of allocated, pending, ignored');
  });
});

test('HEAD answers like GET without a body', async () => {
  await withServer({}, async (base) => {
    const get = await fetch(`${base}/api/v1/pools`);
    const head = await fetch(`${base}/api/v1/pools`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), get.headers.get('content-length'));
    assert.equal(await head.text(), '');
  });
});

test('a bearer token guards everything but the health probes', async () => {
  await withServer({ authToken: 's3cret' }, async (base) => {
    for (const path of ['/metrics', '/api/v1/status', '/api/v1/pools', '/api/v1/services']) {
      const res = await fetch(`${base}${path}`);
      assert.equal(res.status, 401, path);
      assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="poolwatch"');
      assert.equal((await fetch(`${base}${path}`, { headers: { authorization: 'Bearer wrong!' } })).status, 401);
      assert.equal((await fetch(`${base}${path}`, { headers: { authorization: 'Bearer s3cret' } })).status, 200);
    }
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    assert.equal((await fetch(`${base}/readyz`)).status, 200);
  });
});

test('readyz waits for the first sync; healthz does not', async () => {
  const server = createServer({ deps: deps({ ready: false, up: false, lastSyncMs: null }) });
  const { port } = await server.listen(0, '127.0.0.1');
  try {
    const r = await fetch(`http://127.0.0.1:${port}/readyz`);
    assert.equal(r.status, 503);
    assert.match(await r.text(), /first sync of the kube source/);
    assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
  } finally {
    await server.close();
  }
  const stale = createServer({ deps: deps({ up: false }) });
  const s = await stale.listen(0, '127.0.0.1');
  try {
    const r = await fetch(`http://127.0.0.1:${s.port}/readyz`);
    assert.equal(r.status, 200, 'stale data is still served');
    assert.match(await r.text(), /serving the last known state/);
  } finally {
    await stale.close();
  }
});

test('serves HTTPS with the given certificate', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    const cert = readFileSync(join(dir, 'cert.pem'));
    const server = createServer({ deps: deps(), tls: { cert, key: readFileSync(join(dir, 'key.pem')) } });
    const { port } = await server.listen(0, '127.0.0.1');
    try {
      const body = await new Promise<string>((resolve, reject) => {
        httpsRequest({ host: '127.0.0.1', port, path: '/healthz', ca: cert }, (res) => {
          let b = '';
          res.on('data', (d: Buffer) => (b += d.toString()));
          res.on('end', () => resolve(b));
        }).on('error', reject).end();
      });
      assert.equal(body, 'ok\n');
      await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`), 'plain HTTP is not served on the TLS port');
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the route table prefers literal segments and supports a trailing wildcard', () => {
  const h = () => text('');
  const table = new RouteTable([
    { path: '/api/v1/pools/{name}', handle: h },
    { path: '/api/v1/pools/summary', handle: h },
    { path: '/assets/{file*}', handle: h },
  ]);
  assert.equal(table.match('/api/v1/pools/summary')?.route.path, '/api/v1/pools/summary');
  assert.deepEqual(table.match('/api/v1/pools/a%2Fb')?.params, { name: 'a/b' });
  assert.deepEqual(table.match('/assets/js/app.js')?.params, { file: 'js/app.js' });
  assert.equal(table.match('/assets/'), null);
  assert.equal(table.match('/api/v1/pools/'), null);
  assert.equal(table.match('/api/v1/pools/a/b'), null);
  assert.throws(() => new RouteTable([{ path: '/x', handle: h }, { path: '/x', handle: h }]), /listed twice/);
});

test('close lets a request in flight finish', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let entered!: () => void;
  const inFlight = new Promise<void>((r) => (entered = r));
  const server = createServer({ deps: deps(), routes: [{ path: '/slow', handle: async () => { entered(); await gate; return text('done'); } }] });
  const { port } = await server.listen(0, '127.0.0.1');
  const pending = fetch(`http://127.0.0.1:${port}/slow`).then((r) => r.text());
  // Close once the request is in the handler (a fixed pause was not always enough on a loaded machine:
  // a connection whose request had not arrived yet is idle, and close() ends idle connections).
  await inFlight;
  const closing = server.close(2000);
  release();
  assert.equal(await pending, 'done');
  await closing;
  assert.equal(server.server.listening, false);
});

test('close ends an access check still asking the API server: the request is answered 503 and close does not wait out the grace time', async () => {
  let asked!: () => void;
  const asking = new Promise<void>((r) => (asked = r));
  // A review the API server never answers: only an abort ends it.
  const post = (_path: string, _body: unknown, signal?: AbortSignal) =>
    new Promise<unknown>((_resolve, reject) => {
      asked();
      signal?.addEventListener('abort', () => reject(new Error('POST /apis/authentication.k8s.io/v1/tokenreviews: stopped')));
    });
  const server = createServer({ deps: deps(), auth: kubernetesAuth({ post, attributes: { nonResourcePath: null } }) });
  const { port } = await server.listen(0, '127.0.0.1');
  // A client that keeps its connections open for more requests, as Prometheus does.
  const agent = new Agent({ keepAlive: true });
  try {
    const answer = new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/metrics', agent, headers: { authorization: 'Bearer t' } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
      });
      req.on('error', reject);
      req.end();
    });
    await asking;
    // A grace time far longer than this test may run: neither the answer nor close() may wait for it.
    const closing = server.close(600_000);
    let hung: NodeJS.Timeout | undefined;
    const [{ status, connection, body }] = await Promise.race([
      Promise.all([answer, closing]),
      new Promise<never>((_r, reject) => (hung = setTimeout(() => reject(new Error('the request or close() waited for the grace time')), 60_000))),
    ]);
    clearTimeout(hung);
    assert.equal(status, 503);
    assert.equal(connection, 'close', 'the connection is not kept for another request while the server closes');
    assert.deepEqual(JSON.parse(body), { error: { code: 'auth-unavailable', message: 'cannot check the token with the Kubernetes API server: the server is shutting down' } });
    assert.equal(server.server.listening, false);
  } finally {
    agent.destroy();
    server.server.closeAllConnections();
  }
});

test('query keys named like Object.prototype members are unknown keys (400), never a 500', async () => {
  let errors = 0;
  const log = { ...silentLogger, error: () => void errors++ };
  const pool = sampleReport().pools[0]!.name;
  await withServer({ deps: { ...deps(), log } }, async (base) => {
    for (const path of ['/api/v1/status', '/api/v1/pools', `/api/v1/pools/${pool}`, '/api/v1/services', '/api/v1/findings']) {
      for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
        const res = await fetch(`${base}${path}?${key}=1`);
        assert.equal(res.status, 400, `${path}?${key}=1`);
        assert.match(((await res.json()) as { error: { message: string } }).error.message, new RegExp(`unknown query parameter "${key}"`));
      }
    }
  });
  assert.equal(errors, 0, 'nothing logged as an error');
});

test('a path with an empty segment is not another endpoint: //metrics is 404', async () => {
  const get = (base: string, path: string) =>
    new Promise<number>((resolve, reject) => {
      // node:http sends the path as written (fetch would too, but say so plainly).
      httpRequest(`${base}/`, { path }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
  await withServer({}, async (base) => {
    assert.equal(await get(base, '/metrics'), 200);
    for (const path of ['//metrics', '//', '//api/v1/status', '/api/v1//status']) assert.equal(await get(base, path), 404, path);
  });
});
