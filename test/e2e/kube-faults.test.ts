// The fault suite: the kube source against a misbehaving fake API server; every case ends with the report equal to the server's truth.
//
// Durations are scaled down with the backoff (initial 20 ms, at most 400 ms, dead-watch bound 500 ms):
// "500s for 30 s" and "gone for a minute" keep their ratio to the longest backoff (30 s and 60 s against
// 30 s by default, here 400 ms and 800 ms against 400 ms), so the same retries, caps and recoveries
// happen. POOLWATCH_REAL_DURATIONS=1 runs them for 30 s and 60 s with the default backoff and bound.
// The short bound is used only where dead watches are the subject (the gone and silent cases): elsewhere a
// process starved for half a second on a loaded machine would take its own healthy watches for dead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { KubeConfig } from '@kubernetes/client-node';
import { toJson } from '../../src/core/report/json.ts';
import { createLogger } from '../../src/log.ts';
import { ClusterStore, type RawObject } from '../../src/sources/cluster-store.ts';
import { typedObject, watchedResources } from '../../src/sources/kube/resources.ts';
import { KubeWatchSource } from '../../src/sources/kube/watch-source.ts';
import { startFakeApiServer, type FakeApiServer, type FakeApiServerOptions, type FakeResource } from '../support/fake-apiserver.ts';
import { readPendingIo, waitFor } from '../support/processes.ts';

const REAL = process.env['POOLWATCH_REAL_DURATIONS'] === '1';
const MAX_BACKOFF_MS = REAL ? 30_000 : 400;
const DEAD_WATCH_MS = REAL ? 120_000 : 500;
const FAILING_500_MS = REAL ? 30_000 : MAX_BACKOFF_MS;
const GONE_MS = REAL ? 60_000 : 2 * MAX_BACKOFF_MS;
const WAIT_MS = REAL ? 180_000 : 20_000;

const svc = (ns: string, name: string, ip: string) => ({
  metadata: { namespace: ns, name },
  spec: { type: 'LoadBalancer', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ipFamilies: ['IPv4'], ports: [{ port: 80, protocol: 'TCP' }] },
  status: { loadBalancer: { ingress: [{ ip }] } },
});
const pool = (name: string, addresses: string[]) => ({ metadata: { namespace: 'metallb-system', name }, spec: { addresses } });
const l2 = (name: string) => ({ metadata: { namespace: 'metallb-system', name }, spec: {} });

const AT = new Date('2026-12-01T00:00:00Z');

/** The report of a store built from exactly what the server holds now. */
function truth(fake: FakeApiServer): unknown {
  const store = new ClusterStore();
  for (const r of watchedResources('metallb-system')) {
    const plural = r.path.split('/').at(-1) as FakeResource;
    // The resource's field selector (`path.to.field=value`, all poolwatch sends), applied to what the server holds.
    const [field, value] = r.fieldSelector?.split('=') ?? [];
    const selected = (o: Record<string, unknown>) => field === undefined || field.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], o) === value;
    for (const o of fake.list(plural).filter(selected)) store.upsert(typedObject(r, structuredClone(o) as RawObject));
  }
  return toJson(store.report(AT));
}

/**
 * `deadWatchMs`: the dead-watch bound, the source's default (2 minutes) unless given; `minWatchTimeoutSeconds`:
 * the shortest server-side watch timeout asked for, the source's default (5 minutes) unless given.
 */
async function setup(options: FakeApiServerOptions = {}, pageSize?: number, deadWatchMs?: number, minWatchTimeoutSeconds?: number) {
  const fake = await startFakeApiServer({ bookmarkEveryMs: REAL ? 1000 : 100, ...options });
  const lines: string[] = [];
  const kc = new KubeConfig();
  kc.loadFromString(fake.kubeconfig());
  const store = new ClusterStore();
  const source = new KubeWatchSource({
    kc,
    sink: store,
    logger: createLogger({ level: 'debug', format: 'json', write: (l) => lines.push(l) }),
    backoff: { initialMs: 20, maxMs: MAX_BACKOFF_MS },
    missingRetryMs: 50,
    ...(deadWatchMs !== undefined ? { deadWatchMs } : {}),
    ...(pageSize !== undefined ? { pageSize } : {}),
    ...(minWatchTimeoutSeconds !== undefined ? { minWatchTimeoutSeconds } : {}),
  });
  fake.apply('ipaddresspools', pool('web', ['192.168.10.0/24']));
  fake.apply('l2advertisements', l2('all'));
  for (let i = 1; i <= 6; i++) fake.apply('services', svc('shop', `s${i}`, `192.168.10.${i}`));
  const stop = async () => {
    await source.stop();
    await fake.stop();
  };
  source.start();
  try {
    await until('first sync', () => source.health().ready && source.health().up);
    await until('watches open', () => fake.openWatches() === 13);
  } catch (err) {
    // Left running, the source and the fake would keep this file's process alive, and the test run with it.
    await stop();
    throw err;
  }
  const served = () => toJson(store.report(AT));
  /** Waits until what is served equals the server's truth, then checks it once more. */
  const settles = async (what: string) => {
    await until(what, () => JSON.stringify(served()) === JSON.stringify(truth(fake)), WAIT_MS);
    assert.deepEqual(served(), truth(fake));
  };
  return { fake, store, source, lines, served, settles, stop };
}

const until = (what: string, check: () => boolean, ms = WAIT_MS) => waitFor(what, async () => (check() ? true : undefined), ms, 20);

/** Watch requests for services, in order. */
const serviceWatches = (fake: FakeApiServer) => fake.requests.filter((r) => r.path === '/api/v1/services' && r.query['watch'] === 'true');
const serviceLists = (fake: FakeApiServer) => fake.requests.filter((r) => r.path === '/api/v1/services' && r.query['watch'] === undefined && r.status === 200);

test('watches ask for bookmarks and a server-side timeout of 5 to 10 minutes', async () => {
  const { fake, stop } = await setup();
  try {
    const watches = fake.requests.filter((r) => r.query['watch'] === 'true');
    // Counted by resource: a watch may be opened again (after a failure, or taken for dead on a loaded machine).
    const resources = new Set(watches.map((w) => `${w.path}?${w.query['fieldSelector'] ?? ''}`));
    assert.equal(resources.size, 13, 'seven resources for pools and services, six for announcements');
    for (const w of watches) {
      assert.equal(w.query['allowWatchBookmarks'], 'true', w.path);
      const timeout = Number(w.query['timeoutSeconds']);
      assert.ok(timeout >= 300 && timeout < 600, `${w.path}: timeoutSeconds=${w.query['timeoutSeconds']}`);
    }
  } finally {
    await stop();
  }
});

test('malformed watch lines are counted and skipped; the resource is listed again and ends equal to the truth', async () => {
  const { fake, source, lines, settles, stop } = await setup();
  try {
    const lists = serviceLists(fake).length;
    // Each of these would have stopped the client library's informer; a change is applied meanwhile.
    const bad = ['{"type":"ADDED","object":{}}', '{"type":"MODIFIED","object":null}', '{"type":"DELETED"}', '{"type":"ERROR","object":null}', 'garbage, not JSON', '[1,2]'];
    for (const line of bad) {
      fake.remove('services', 'shop', `s${bad.indexOf(line) + 1}`);
      await until('the watch open again', () => fake.openWatches('services') === 1);
      fake.injectWatchText('services', `${line}\n`);
      await until('the watch dropped', () => fake.openWatches('services') === 0 || serviceLists(fake).length > lists + bad.indexOf(line));
    }
    fake.apply('services', svc('shop', 'late', '192.168.10.99'));
    await settles('the served report equals the truth');
    const errors = source.health().watchErrors?.['Service'] ?? {};
    assert.deepEqual(errors, { 'invalid-object': 3, 'invalid-error': 1, 'invalid-json': 2 });
    assert.ok(serviceLists(fake).length >= lists + bad.length, 'listed again after each');
    assert.equal(lines.filter((l) => l.includes('skipped a watch line and listing again')).length, bad.length);
    // An event type nobody knows is skipped without listing again.
    const before = serviceLists(fake).length;
    await until('the watch open again', () => fake.openWatches('services') === 1);
    fake.injectWatchText('services', '{"type":"SOMETHING","object":{}}\n');
    fake.apply('services', svc('shop', 'later', '192.168.10.98'));
    await settles('the event after the unknown one applied');
    assert.equal(source.health().watchErrors?.['Service']?.['unknown-type'], 1);
    assert.equal(serviceLists(fake).length, before);
  } finally {
    await stop();
  }
});

test('410 Gone while watching: listed again, deletions applied', async () => {
  const { fake, settles, stop } = await setup();
  try {
    fake.remove('services', 'shop', 's1');
    fake.apply('services', svc('shop', 's7', '192.168.10.7'));
    fake.expire();
    fake.remove('services', 'shop', 's2');
    await settles('the truth after 410');
  } finally {
    await stop();
  }
});

test('half a JSON line and the end of the stream: the watch resumes and the event arrives whole', async () => {
  const { fake, source, settles, stop } = await setup();
  try {
    const lists = serviceLists(fake).length;
    const watches = serviceWatches(fake).length;
    fake.cutNextEvent('services');
    fake.remove('services', 'shop', 's3');
    await settles('the cut event applied');
    assert.equal(serviceLists(fake).length, lists, 'resumed without listing again');
    assert.ok(serviceWatches(fake).length > watches);
    assert.deepEqual(source.health().watchErrors?.['Service'] ?? {}, {}, 'a cut line is the end of the stream, not a bad line');
  } finally {
    await stop();
  }
});

test('500s on every request for a while, with changes meanwhile: down, then the truth', async () => {
  const { fake, source, settles, stop } = await setup();
  try {
    const failing = fake.failAll({ pathPart: '/api/v1/services' });
    fake.dropWatches();
    fake.remove('services', 'shop', 's4');
    fake.apply('services', svc('shop', 's8', '192.168.10.8'));
    await until('down', () => !source.health().up);
    // The 500s last at least FAILING_500_MS and until the watch has been retried three times: on a loaded
    // machine the retries (request plus backoff) take longer than on a quiet one, so they are waited for,
    // not counted within a fixed time. It must stay down the whole time.
    const failingSince = Date.now();
    let cameUp = false;
    await until('three restarts while the 500s last', () => {
      if (source.health().up) cameUp = true;
      return source.health().restarts['Service']! >= 3 && Date.now() - failingSince >= FAILING_500_MS;
    });
    assert.equal(cameUp, false, 'up while every request failed');
    assert.equal(source.health().up, false);
    assert.ok(source.health().restarts['Service']! >= 3, `restarts: ${source.health().restarts['Service']}`);
    failing.clear();
    await until('up', () => source.health().up);
    await settles('the truth after the 500s');
  } finally {
    await stop();
  }
});

test('deletions while the watch is down are applied when it resumes (and after a 410, by the relist)', async () => {
  const { fake, settles, stop } = await setup();
  try {
    const failing = fake.failAll({ pathPart: '/api/v1/services' });
    fake.dropWatches();
    fake.remove('services', 'shop', 's1');
    fake.remove('services', 'shop', 's2');
    failing.clear();
    await settles('deletions replayed by the resumed watch');
    const failingAgain = fake.failAll({ pathPart: '/api/v1/services' });
    fake.dropWatches();
    fake.remove('services', 'shop', 's3');
    fake.remove('ipaddresspools', 'metallb-system', 'web');
    fake.expire();
    failingAgain.clear();
    await settles('deletions found by the relist');
  } finally {
    await stop();
  }
});

test('the API server gone for a while: up 0, ready until the dead-watch bound, then not; the truth when it is back', async () => {
  const { fake, source, settles, stop } = await setup({}, undefined, DEAD_WATCH_MS);
  try {
    await fake.goDown();
    await until('down', () => !source.health().up);
    assert.equal(source.health().ready, true, 'the last known state is served');
    fake.remove('services', 'shop', 's5');
    fake.apply('services', svc('shop', 's9', '192.168.10.9'));
    fake.expire();
    await until('not ready once every reconnect has failed for longer than the bound', () => !source.health().ready, DEAD_WATCH_MS + WAIT_MS);
    assert.match(source.health().unready ?? '', /every reconnect has failed/);
    await sleep(Math.max(0, GONE_MS - DEAD_WATCH_MS));
    await fake.comeUp();
    await until('up and ready', () => source.health().up && source.health().ready);
    await settles('the truth after the outage');
  } finally {
    await stop();
  }
});

test('a silent watch: the last sync stops advancing, then the dead watch is replaced and the truth served', async () => {
  const { fake, source, lines, settles, stop } = await setup({}, undefined, DEAD_WATCH_MS);
  try {
    await until('bookmarks arriving', () => (source.health().lastEventMs?.['Service'] ?? 0) > Date.now() - 200);
    fake.freezeWatches();
    // Bookmarks written just before the freeze may not have been read yet: read them before taking the time.
    await readPendingIo();
    const frozenAt = Date.now();
    fake.remove('services', 'shop', 's6');
    fake.apply('services', svc('shop', 's10', '192.168.10.10'));
    await sleep(DEAD_WATCH_MS / 2);
    const h = source.health();
    assert.ok(h.lastSyncMs !== null && h.lastSyncMs <= frozenAt, 'the last sync is not "now" while nothing is heard');
    assert.ok(h.lastEventMs!['Service']! <= frozenAt);
    assert.equal(h.up, true, 'a silent watch is not yet an outage');
    await settles('the truth after the dead watch was replaced');
    assert.ok(lines.some((l) => l.includes('the watch is taken for dead') && l.includes('"resource":"Service"')));
    assert.ok((source.health().watchErrors?.['Service']?.['silent'] ?? 0) >= 1);
    await until('every resource heard from again', () => source.health().lastSyncMs! > frozenAt);
  } finally {
    await stop();
  }
});

test('a watch that trickles bytes that never make a line, held open past its server-side timeout: given up, listed again, the truth', async () => {
  // Watches ask the server to end them after 1 to 2 s, and are given up a dead-watch bound after that.
  const { fake, source, lines, settles, stop } = await setup({}, undefined, DEAD_WATCH_MS, 1);
  try {
    await until('the services watch open', () => fake.openWatches('services') === 1);
    const lists = serviceLists(fake).length;
    // A byte every 100 ms and never a newline: no event, no bookmark, yet never quiet for the dead-watch bound.
    fake.trickleWatches('services', 'x', 100);
    fake.remove('services', 'shop', 's6');
    fake.apply('services', svc('shop', 's10', '192.168.10.10'));
    await settles('the truth after the trickling watch was given up');
    assert.ok(serviceLists(fake).length > lists, 'listed again');
    const given = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => String(l['msg']).startsWith('the watch is still open') && l['resource'] === 'Service');
    assert.equal(given?.['level'], 'warn');
    assert.match(String(given?.['msg']), /^the watch is still open \d+ ms after the server should have ended it \(timeoutSeconds=[12]\), with no event and no bookmark for \d+ ms: the watch is taken for dead; listing again$/);
    assert.ok((source.health().watchErrors?.['Service']?.['silent'] ?? 0) >= 1, 'counted as a dead watch');
  } finally {
    await stop();
  }
});

test('a server that ignores the watch timeout but keeps sending: the watch is renewed from where it was, not listed again', async () => {
  // Renewed 3 s after the 1 to 2 s asked for: a bound long enough that a starved process does not take its healthy watches for dead.
  const { fake, source, lines, settles, stop } = await setup({ ignoreWatchTimeouts: true }, undefined, 3000, 1);
  try {
    const lists = serviceLists(fake).length;
    const watches = serviceWatches(fake).length;
    await until('the services watch renewed', () => serviceWatches(fake).length > watches);
    const renewed = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => String(l['msg']).startsWith('the watch is still open') && l['resource'] === 'Service');
    assert.equal(renewed?.['level'], 'info');
    assert.match(String(renewed?.['msg']), /^the watch is still open \d+ ms after the server should have ended it \(timeoutSeconds=[12]\): opening a new watch$/);
    assert.notEqual(serviceWatches(fake).at(-1)?.query['resourceVersion'], '', 'resumed from the last resourceVersion');
    assert.equal(serviceLists(fake).length, lists, 'not listed again');
    assert.deepEqual(source.health().watchErrors?.['Service'] ?? {}, {}, 'not counted as a dead watch');
    fake.apply('services', svc('shop', 's11', '192.168.10.11'));
    await settles('events on the renewed watch');
  } finally {
    await stop();
  }
});

test('lists are paginated; an expired continue token falls back to one full list', async () => {
  const { fake, settles, stop } = await setup({}, 2);
  try {
    const pages = serviceLists(fake);
    assert.deepEqual(pages.map((r) => [r.query['limit'], r.query['continue'] !== undefined]), [['2', false], ['2', true], ['2', true]]);
    // A relist whose second page finds the snapshot compacted away.
    fake.failNext(1, { status: 410, pathPart: '/api/v1/services', withQuery: 'continue' });
    fake.expire();
    await until('a list without a limit', () => serviceLists(fake).some((r) => r.query['limit'] === undefined));
    assert.equal(fake.requests.filter((r) => r.path === '/api/v1/services' && r.status === 410 && r.query['continue'] !== undefined).length, 1);
    fake.remove('services', 'shop', 's1');
    await settles('the truth after the fallback list');
  } finally {
    await stop();
  }
});

test('a relist replaces the objects at once: while its pages arrive, the report stays the old truth whole', async () => {
  const { fake, served, settles, stop } = await setup({}, 2);
  let hold: { waiting(): number; release(): void } | undefined;
  try {
    const before = served();
    // Changes the watch does not deliver (it is frozen, then ended by compaction): only the relist shows them.
    fake.freezeWatches();
    for (let i = 1; i <= 5; i++) fake.apply('services', svc('shop', `s${i}`, `192.168.10.${100 + i}`));
    fake.remove('services', 'shop', 's6');
    fake.apply('services', svc('shop', 's7', '192.168.10.7'));
    const held = (hold = fake.holdNextPages());
    fake.expire();
    await until('the relist to ask for its second page', () => held.waiting() > 0);
    // The first page has been read: nothing of it may show before the rest.
    assert.deepEqual(served(), before);
    held.release();
    await settles('the new truth after the relist');
  } finally {
    hold?.release();
    await stop();
  }
});
