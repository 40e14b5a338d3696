// `explain` with no PATH reads the current kube context (the fake API server): the same facts as from manifests, plus the service's events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess, repoRoot } from '../support/cli.ts';
import { startFakeApiServer, type FakeApiServer } from '../support/fake-apiserver.ts';
import { loadFixture } from '../support/fixture-cluster.ts';
import { assertGolden } from '../support/golden.ts';
import { EXPLAINED } from '../support/explained-services.ts';

const goldenDir = join(repoRoot, 'test/golden/explain');

function event(name: string, involved: { kind: string; name: string }, fields: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'shop' }, involvedObject: { ...involved, namespace: 'shop' }, ...fields };
}

/** The announcement fixture, plus events about two of its services and one about a Pod of the same name. */
function loadCluster(fake: FakeApiServer): void {
  assert.ok(loadFixture(fake, join(repoRoot, 'test', 'fixtures', 'announcement')) > 0);
  fake.apply('events', event('queue.1', { kind: 'Service', name: 'queue' }, {
    type: 'Warning', reason: 'AllocationFailed', message: 'Failed to allocate IP for "shop/queue": 10.99.0.1 is not allowed in config', count: 4,
    lastTimestamp: '2026-11-21T09:58:00Z', source: { component: 'metallb-controller' },
  }));
  fake.apply('events', event('web.1', { kind: 'Service', name: 'web' }, {
    type: 'Normal', reason: 'IPAllocated', message: 'Assigned IP ["192.168.50.1"]', count: 1, lastTimestamp: '2026-11-21T08:00:00Z', source: { component: 'metallb-controller' },
  }));
  fake.apply('events', event('web.2', { kind: 'Service', name: 'web' }, {
    type: 'Normal', reason: 'nodeAssigned', message: 'announcing from node "node-a" with protocol "layer2"', count: 2, lastTimestamp: '2026-11-21T08:00:05Z', source: { component: 'metallb-speaker' },
  }));
  fake.apply('events', event('web-pod.1', { kind: 'Pod', name: 'web' }, { type: 'Normal', reason: 'Started', message: 'not about the service', count: 1, lastTimestamp: '2026-11-21T08:00:00Z' }));
}

async function withCluster(run: (env: Record<string, string>, fake: FakeApiServer) => Promise<void>): Promise<void> {
  const fake = await startFakeApiServer();
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-kubeconfig-'));
  try {
    loadCluster(fake);
    writeFileSync(join(dir, 'config'), fake.kubeconfig());
    await run({ KUBECONFIG: join(dir, 'config') }, fake);
  } finally {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('explain over the API: goldens for the four services, the same facts as the manifests, and the events', async () => {
  await withCluster(async (env) => {
    for (const service of Object.keys(EXPLAINED)) {
      const file = service.replace('/', '-');
      const text = await runInProcess(['explain', service], { env });
      assert.equal(text.stderr, '');
      assert.equal(text.code, 0);
      assertGolden(join(goldenDir, 'cluster', `${file}.txt`), text.stdout);
      const live = JSON.parse((await runInProcess(['explain', '-o', 'json', service], { env })).stdout);
      const files = JSON.parse(readFileSync(join(goldenDir, 'manifests', `${file}.json`), 'utf8'));
      // Objects read from the API have no file locations; only the cluster has events.
      const strip = (doc: Record<string, unknown>) =>
        JSON.parse(JSON.stringify({ ...doc, events: null }), (k, v: unknown) => (k === 'location' ? null : v)) as Record<string, unknown>;
      assert.deepEqual(strip(live), strip(files));
      assert.equal(live.events.read, true);
    }
    const web = JSON.parse((await runInProcess(['explain', '-o', 'json', 'shop/web'], { env })).stdout);
    assert.deepEqual(web.events.items.map((e: { reason: string }) => e.reason), ['IPAllocated', 'nodeAssigned'], 'only events about the Service, oldest first');
    const missing = await runInProcess(['explain', 'shop/wbe'], { env });
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'poolwatch: no service shop/wbe in the cluster (did you mean shop/web?)\n');
  });
});

test('control characters in an event from the cluster are escapes in text and exact in JSON', async () => {
  await withCluster(async (env, fake) => {
    const message = 'owned\u001b]0;pwned\u0007\nFAKE LINE\u202e';
    fake.apply('events', event('api.1', { kind: 'Service', name: 'api' }, { type: 'Warning', reason: 'Odd\u001b[2J', message, count: 1, lastTimestamp: '2026-11-21T09:00:00Z' }));
    const text = await runInProcess(['explain', 'shop/api'], { env });
    assert.equal(text.code, 0, text.stderr);
    // eslint-disable-next-line no-control-regex -- raw control characters are what must not appear
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/.test(text.stdout), 'no raw control characters');
    assert.match(text.stdout, /Odd\\x1b\[2J .*owned\\x1b\]0;pwned\\x07\\nFAKE LINE\\u202e$/m);
    const json = JSON.parse((await runInProcess(['explain', '-o', 'json', 'shop/api'], { env })).stdout);
    assert.equal(json.events.items[0].message, message);
  });
});

test('explain says so when RBAC forbids reading events, and still explains the rest', async () => {
  await withCluster(async (env, fake) => {
    fake.failNext(1, { status: 403, pathPart: '/namespaces/shop/events' });
    const r = await runInProcess(['explain', 'shop/web'], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Events: not read \(the API server refused to list events in namespace shop \(HTTP 403\): the RBAC of context fake does not allow it\)$/m);
    assert.match(r.stdout, /^Announcement: announced \(layer2\)$/m);
  });
});
