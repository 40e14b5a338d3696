// The official client library against the fake API server: sync, events, missing CRDs, restarts, 410 relists, outages, slow answers and credential plugins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KubeConfig } from '@kubernetes/client-node';
import { createLogger } from '../../src/log.ts';
import { boundCredentialPlugin } from '../../src/sources/kube/credential-plugin.ts';
import { KubeWatchSource } from '../../src/sources/kube/watch-source.ts';
import type { KubeObject } from '../../src/sources/kube/list-request.ts';
import { execPlugin } from '../support/exec-plugin.ts';
import { startFakeApiServer, type FakeApiServerOptions } from '../support/fake-apiserver.ts';
import { readPendingIo, waitFor } from '../support/processes.ts';

/** Resources poolwatch watches: seven for pools and services, six for announcements (nodes, status objects, peers, sessions, configuration states). */
const WATCHED = 13;

const svc = (ns: string, name: string, ip?: string) => ({
  metadata: { namespace: ns, name },
  spec: { type: 'LoadBalancer', clusterIP: '10.96.0.10', ports: [{ port: 80, protocol: 'TCP' }] },
  status: { loadBalancer: { ingress: ip ? [{ ip }] : [] } },
});
const pool = (name: string, addresses: string[]) => ({ apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { namespace: 'metallb-system', name }, spec: { addresses } });

class RecordingSink {
  readonly objects = new Map<string, KubeObject>();
  upsert(o: KubeObject) {
    this.objects.set(`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o);
  }
  remove(o: KubeObject) {
    this.objects.delete(`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
  }
  names(kind: string): string[] {
    return [...this.objects.keys()].filter((k) => k.startsWith(`${kind}/`)).sort();
  }
}

async function setup(options: FakeApiServerOptions = {}, deadWatchMs?: number, listTimeoutMs?: number) {
  const fake = await startFakeApiServer(options);
  const lines: string[] = [];
  const kc = new KubeConfig();
  kc.loadFromString(fake.kubeconfig());
  const sink = new RecordingSink();
  const source = new KubeWatchSource({
    kc,
    sink,
    logger: createLogger({ level: 'debug', format: 'json', write: (l) => lines.push(l) }),
    backoff: { initialMs: 20, maxMs: 200 },
    missingRetryMs: 50,
    ...(deadWatchMs !== undefined ? { deadWatchMs } : {}),
    ...(listTimeoutMs !== undefined ? { listTimeoutMs } : {}),
  });
  const stop = async () => {
    await source.stop();
    await fake.stop();
  };
  return { fake, sink, source, lines, stop };
}

const until = (what: string, check: () => boolean, ms = 10_000) => waitFor(what, async () => (check() ? true : undefined), ms, 20);

test('lists, then applies adds, updates and deletes from the watch', async () => {
  const { fake, sink, source, stop } = await setup();
  try {
    fake.apply('services', svc('shop', 'web', '192.168.10.1'));
    fake.apply('ipaddresspools', pool('default', ['192.168.10.0/24']));
    fake.apply('configmaps', { metadata: { namespace: 'metallb-system', name: 'other' }, data: {} });
    fake.apply('events', { metadata: { namespace: 'shop', name: 'e1' }, reason: 'Scheduled', message: 'x' });
    fake.apply('events', { metadata: { namespace: 'shop', name: 'e2' }, reason: 'AllocationFailed', message: 'Failed to allocate IP for "shop/api": no available IPs' });
    assert.equal(source.health().ready, false);
    source.start();
    await until('first sync', () => source.health().ready);
    assert.equal(source.health().up, true);
    assert.deepEqual(sink.names('Service'), ['Service/shop/web']);
    assert.deepEqual(sink.names('IPAddressPool'), ['IPAddressPool/metallb-system/default']);
    // Field selectors: only the `config` ConfigMap and AllocationFailed events are read.
    assert.deepEqual(sink.names('ConfigMap'), []);
    assert.deepEqual(sink.names('Event'), ['Event/shop/e2']);
    // List items of core kinds carry no kind/apiVersion on the wire; the source sets them.
    assert.equal(sink.objects.get('Service/shop/web')?.apiVersion, 'v1');

    await until('watches open', () => fake.openWatches() === WATCHED);
    fake.apply('services', svc('shop', 'api'));
    fake.apply('services', svc('shop', 'web', '192.168.10.2'));
    fake.remove('ipaddresspools', 'metallb-system', 'default');
    await until('events applied', () => sink.names('Service').length === 2 && sink.names('IPAddressPool').length === 0);
    const web = sink.objects.get('Service/shop/web') as unknown as { status: { loadBalancer: { ingress: Array<{ ip: string }> } } };
    assert.equal(web.status.loadBalancer.ingress[0]?.ip, '192.168.10.2');
    assert.deepEqual(source.health().restarts, {
      Service: 0, Namespace: 0, ConfigMap: 0, Event: 0, IPAddressPool: 0, L2Advertisement: 0, BGPAdvertisement: 0,
      Node: 0, ServiceL2Status: 0, ServiceBGPStatus: 0, BGPPeer: 0, BGPSessionState: 0, ConfigurationState: 0,
    });
  } finally {
    await stop();
  }
});

test('a MetalLB CRD that is not installed is reported once while the rest carries on', async () => {
  const { fake, sink, source, lines, stop } = await setup({ crds: ['ipaddresspools', 'servicel2statuses', 'servicebgpstatuses', 'bgppeers', 'configurationstates', 'bgpsessionstates'] });
  try {
    fake.apply('services', svc('shop', 'web', '192.168.10.1'));
    source.start();
    await until('first sync', () => source.health().ready);
    // Several retries of the missing resources happen (every 50 ms here)...
    await until('retries of the missing CRDs', () => fake.requests.filter((r) => r.path.endsWith('/l2advertisements')).length >= 4);
    const h = source.health();
    assert.equal(h.up, true, 'a missing CRD is not an outage');
    assert.equal(h.notes.length, 2);
    assert.match(h.notes.join('\n'), /L2Advertisement: not served/);
    assert.match(h.notes.join('\n'), /BGPAdvertisement: not served/);
    // ...but each is reported once.
    const warnings = lines.filter((l) => l.includes('not served by the API server'));
    assert.equal(warnings.length, 2, warnings.join(''));
    assert.deepEqual(sink.names('Service'), ['Service/shop/web']);
    fake.apply('services', svc('shop', 'api'));
    await until('service event applied', () => sink.names('Service').length === 2);
    assert.equal(h.restarts['L2Advertisement'], 0, 'looking for a missing CRD is not a restart');
  } finally {
    await stop();
  }
});

test('restarts with backoff after HTTP 500s and dropped connections, resuming from the last resourceVersion', async () => {
  const { fake, sink, source, lines, stop } = await setup();
  try {
    fake.apply('services', svc('shop', 'web', '192.168.10.1'));
    fake.failNext(3, { pathPart: '/api/v1/services' });
    source.start();
    await until('first sync despite three failures', () => source.health().ready, 15_000);
    assert.equal(source.health().restarts['Service'], 3);
    assert.equal(lines.filter((l) => l.includes('list/watch failed; restarting') && l.includes('"resource":"Service"')).length, 3);
    await until('watches open', () => fake.openWatches() === WATCHED);
    const listsBefore = fake.requests.filter((r) => r.path === '/api/v1/services' && r.query['watch'] === undefined && r.status === 200).length;

    // A dropped connection followed by a failing reconnect: restart with backoff, resume from the last resourceVersion.
    fake.failNext(2, { pathPart: '/api/v1/services' });
    fake.dropWatches();
    fake.apply('services', svc('shop', 'api', '192.168.10.3'));
    await until('the event after the drop', () => sink.names('Service').length === 2, 15_000);
    assert.ok(source.health().restarts['Service']! >= 4);
    const listsAfter = fake.requests.filter((r) => r.path === '/api/v1/services' && r.query['watch'] === undefined && r.status === 200).length;
    assert.equal(listsAfter, listsBefore, 'resumed the watch without listing again');
    const lastWatch = fake.requests.filter((r) => r.path === '/api/v1/services' && r.query['watch'] === 'true').at(-1)!;
    assert.notEqual(lastWatch.query['resourceVersion'] ?? '', '');
    await until('up again', () => source.health().up);
  } finally {
    await stop();
  }
});

test('an outage serves the last known state with up=0; 410 Gone after it relists and applies deletions', async () => {
  let now = 1_000_000;
  const { fake, sink, source, lines, stop } = await setup();
  const serviceLists = () => fake.requests.filter((r) => r.path === '/api/v1/services' && r.query['watch'] === undefined && r.status === 200).length;
  try {
    for (const name of ['a', 'b']) fake.apply('services', svc('shop', name, '192.168.10.1'));
    source.start();
    await until('first sync', () => source.health().ready && source.health().up);
    await until('watches open', () => fake.openWatches() === WATCHED);
    // A bookmark already written but not yet read would be stamped with the fake clock below: read it first.
    // From here to goDown() nothing yields, so nothing more arrives before the outage.
    await readPendingIo();
    const syncedAt = source.health().lastSyncMs;
    assert.ok(syncedAt !== null && syncedAt <= Date.now(), 'the time of the oldest last word from the API server');
    Object.assign(source, { now: () => now });

    const listsBefore = serviceLists();
    await fake.goDown();
    await until('the source notices the outage', () => !source.health().up);
    now += 60_000;
    const h = source.health();
    assert.equal(h.ready, true, 'still ready: the last known state is served');
    assert.equal(h.lastSyncMs, syncedAt, 'last sync stays at the time the outage began');
    assert.deepEqual(sink.names('Service'), ['Service/shop/a', 'Service/shop/b'], 'nothing is dropped during the outage');
    assert.ok(h.notes.length > 0);

    // While it is away: b is deleted, c created, and history is compacted (the old resourceVersion is gone).
    fake.remove('services', 'shop', 'b');
    fake.apply('services', svc('shop', 'c'));
    fake.expire();
    await fake.comeUp();
    await until('recovered', () => source.health().up, 15_000);
    await until('relisted', () => sink.names('Service').join() === 'Service/shop/a,Service/shop/c', 5_000);
    assert.equal(serviceLists(), listsBefore + 1, 'listed again once, after the 410');
    assert.ok(lines.some((l) => l.includes('watch expired (410 Gone)') && l.includes('"resource":"Service"')));
    assert.equal(source.health().lastSyncMs, now, 'in sync again: every resource was heard from after the outage');
  } finally {
    await stop();
  }
});

test('slow responses delay readiness but not correctness', async () => {
  const { fake, sink, source, stop } = await setup();
  try {
    fake.apply('services', svc('shop', 'web', '192.168.10.1'));
    fake.setDelay(400);
    const started = Date.now();
    source.start();
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(source.health().ready, false);
    await until('first sync', () => source.health().ready);
    assert.ok(Date.now() - started >= 400);
    fake.setDelay(0);
    assert.deepEqual(sink.names('Service'), ['Service/shop/web']);
  } finally {
    await stop();
  }
});

test('a watch that goes silent is replaced by a fresh list, which applies what was missed', async () => {
  // Bookmarks every 100 ms: a healthy watch is never silent for 400 ms.
  const { fake, sink, source, lines, stop } = await setup({ bookmarkEveryMs: 100 }, 400);
  try {
    for (const name of ['a', 'b']) fake.apply('services', svc('shop', name, '192.168.10.1'));
    source.start();
    await until('first sync', () => source.health().ready);
    await until('watches open', () => fake.openWatches() === WATCHED);
    // The connection stays open but nothing arrives any more: no error, no end.
    fake.freezeWatches();
    fake.remove('services', 'shop', 'b');
    fake.apply('services', svc('shop', 'c', '192.168.10.2'));
    await until('the silent watch replaced', () => sink.names('Service').join() === 'Service/shop/a,Service/shop/c', 10_000);
    assert.ok(lines.some((l) => l.includes('no watch event and no bookmark for 400 ms: the watch is taken for dead; listing again') && l.includes('"resource":"Service"')));
    assert.equal(source.health().up, true);
    assert.equal(source.health().restarts['Service'], 0, 'replacing a silent watch is not an error restart');
    assert.ok((source.health().watchErrors?.['Service']?.['silent'] ?? 0) >= 1, 'but it is counted');
    // The replacement watch works.
    fake.apply('services', svc('shop', 'd', '192.168.10.3'));
    await until('events flow again', () => sink.names('Service').length === 3);
  } finally {
    await stop();
  }
});

test('stop() during a slow list ends the list request at once instead of waiting for its answer', async () => {
  const { fake, source, stop } = await setup();
  // The services list is answered slowly until released: the client's own timeout never ends it.
  const hold = fake.holdRequests((r) => r.path === '/api/v1/services' && r.query['watch'] === undefined);
  try {
    source.start();
    await until('the services list held', () => hold.waiting() === 1);
    let stopped = false;
    void source.stop().then(() => (stopped = true));
    await until('stop() to resolve while the list is held', () => stopped);
    // The list request was ended by the client, not forgotten: its connection is closed while the server still holds it.
    await until('the held list abandoned by the client', () => hold.abandoned() === 1);
    assert.equal(hold.waiting(), 1, 'the list was never answered');
    assert.ok(source.watchers.every((w) => w.state === 'stopped'));
  } finally {
    hold.release();
    await stop();
  }
});

test('a list whose answer trickles in (a byte now and then, never complete) fails at its deadline and is retried with backoff', async () => {
  // A 500 ms deadline for the whole answer of one list page; the fake sends a space every 100 ms, so the
  // connection is never idle for long.
  const { fake, sink, source, lines, stop } = await setup({}, undefined, 500);
  const hold = fake.holdRequests((r) => r.path === '/api/v1/services' && r.query['watch'] === undefined);
  try {
    fake.apply('services', svc('shop', 'web', '192.168.10.1'));
    source.start();
    // The client gives up on the trickling list itself, and tries again (after backoff), to be held again.
    await until('two trickling lists given up by the client', () => hold.abandoned() >= 2);
    const services = source.watchers.find((w) => w.resource.kind === 'Service')!;
    assert.equal(services.everSynced, false);
    assert.match(services.lastError ?? '', /^GET \/api\/v1\/services: no complete answer within 500 ms$/);
    assert.ok(services.restarts >= 2, `restarts: ${services.restarts}`);
    const failure = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l['msg'] === 'list/watch failed; restarting' && l['resource'] === 'Service');
    assert.equal(failure?.['level'], 'warn');
    assert.equal(failure?.['error'], 'GET /api/v1/services: no complete answer within 500 ms');
    assert.match(source.health().notes.join('\n'), /Service: GET \/api\/v1\/services: no complete answer within 500 ms/);
    assert.equal(source.health().ready, false);
    // A server that answers again is listed from.
    hold.release();
    await until('first sync once the server answers', () => source.health().ready);
    assert.deepEqual(sink.names('Service'), ['Service/shop/web']);
  } finally {
    hold.release();
    await stop();
  }
});

test('a restart (after an unhandled error) that meets a stop stays stopped: nothing starts watching again after shutdown', async () => {
  const { fake, source, stop } = await setup();
  try {
    source.start();
    await until('first sync', () => source.health().ready);
    // The restart is under way when serve shuts down...
    const restarting = source.restart();
    await source.stop();
    await restarting;
    assert.deepEqual(source.watchers.filter((w) => w.state !== 'stopped').map((w) => w.resource.kind), []);
    // ...or comes after it.
    await source.restart();
    assert.deepEqual(source.watchers.filter((w) => w.state !== 'stopped').map((w) => w.resource.kind), []);
    await until('no watch open', () => fake.openWatches() === 0);
  } finally {
    await stop();
  }
});

test('an exec credential plugin that never answers: each attempt fails at its deadline naming the plugin, the plugin is ended, and one that answers is used', async () => {
  const fake = await startFakeApiServer();
  const plugin = execPlugin(fake.kubeconfig());
  const lines: string[] = [];
  const kc = new KubeConfig();
  kc.loadFromString(plugin.kubeconfig);
  boundCredentialPlugin(kc, 500);
  const sink = new RecordingSink();
  const source = new KubeWatchSource({ kc, sink, logger: createLogger({ level: 'debug', format: 'json', write: (l) => lines.push(l) }), backoff: { initialMs: 20, maxMs: 200 }, missingRetryMs: 50 });
  try {
    fake.apply('services', svc('shop', 'web', '192.168.10.1'));
    source.start();
    const services = source.watchers.find((w) => w.resource.kind === 'Service')!;
    await until('the plugin given up on', () => (services.lastError ?? '').includes('gave no credential'));
    const expected = `GET /api/v1/services: the exec credential plugin ${JSON.stringify(process.execPath)} of kubeconfig user "fake" gave no credential within 500 ms`;
    assert.equal(services.lastError, expected);
    const failure = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l['msg'] === 'list/watch failed; restarting' && l['resource'] === 'Service');
    assert.equal(failure?.['error'], expected);
    assert.equal(fake.requests.length, 0, 'nothing is sent without a credential');
    const first = plugin.pids()[0]!;
    await until('the first run of the plugin ended', () => !plugin.alive(first));
    plugin.answer();
    await until('first sync with the credential the plugin prints', () => source.health().ready);
    assert.deepEqual(sink.names('Service'), ['Service/shop/web']);
  } finally {
    await source.stop();
    await fake.stop();
    plugin.remove();
  }
});

test('stop() while the exec credential plugin has not answered: resolves at once and ends the plugin, which all the lists waited on together', async () => {
  const fake = await startFakeApiServer();
  const plugin = execPlugin(fake.kubeconfig());
  const kc = new KubeConfig();
  kc.loadFromString(plugin.kubeconfig);
  const source = new KubeWatchSource({ kc, sink: new RecordingSink(), logger: createLogger({ level: 'error', write: () => undefined }) });
  try {
    source.start();
    await until('the plugin running', () => plugin.pids().length === 1);
    let stopped = false;
    void source.stop().then(() => (stopped = true));
    await until('stop() to resolve while the plugin runs', () => stopped);
    await until('the plugin ended by the stop', () => !plugin.alive(plugin.pids()[0]!));
    assert.deepEqual(plugin.pids().length, 1, `one run of the plugin for all ${WATCHED} lists`);
    assert.equal(fake.requests.length, 0);
  } finally {
    await source.stop();
    await fake.stop();
    plugin.remove();
  }
});
