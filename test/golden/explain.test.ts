// Golden `explain` text and JSON from manifests: a pending, an L2-announced, a BGP-announced-with-a-peer-down and an unannounced service.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { assertGolden } from '../support/golden.ts';
import { repoRoot, runInProcess } from '../support/cli.ts';
import { EXPLAIN_FIXTURE, EXPLAINED } from '../support/explained-services.ts';

const goldenDir = join(repoRoot, 'test/golden/explain');
const fixture = EXPLAIN_FIXTURE;

for (const [service, what] of Object.entries(EXPLAINED)) {
  const file = service.replace('/', '-');
  test(`explain ${service} (${what}) from manifests: text and JSON`, async () => {
    const text = await runInProcess(['explain', service, fixture]);
    assert.equal(text.stderr, '');
    assert.equal(text.code, 0);
    assertGolden(join(goldenDir, 'manifests', `${file}.txt`), text.stdout);
    const json = await runInProcess(['explain', '-o', 'json', service, fixture]);
    assert.equal(json.code, 0);
    const doc = JSON.parse(json.stdout) as { kind: string; service: { namespace: string; name: string } };
    assert.equal(doc.kind, 'ServiceExplanation');
    assert.equal(`${doc.service.namespace}/${doc.service.name}`, service);
    assertGolden(join(goldenDir, 'manifests', `${file}.json`), json.stdout);
  });
}

test('explain of an ignored service says why MetalLB does not handle it', async () => {
  for (const service of ['shop/db', 'ops/edge']) {
    const r = await runInProcess(['explain', service, 'test/fixtures/basic-ipv4']);
    assert.equal(r.code, 0, r.stderr);
    assertGolden(join(goldenDir, 'manifests', `${service.replace('/', '-')}.txt`), r.stdout);
  }
});

test('an unknown service is one line, exit 2, with the nearest names', async () => {
  const typo = await runInProcess(['explain', 'shop/wbe', fixture]);
  assert.equal(typo.code, 2);
  assert.equal(typo.stdout, '');
  assert.equal(typo.stderr, 'poolwatch: no service shop/wbe in the manifests (did you mean shop/web?)\n');
  const elsewhere = await runInProcess(['explain', 'prod/quiet', fixture]);
  assert.equal(elsewhere.stderr, 'poolwatch: no service prod/quiet in the manifests (did you mean ops/quiet?)\n');
  const far = await runInProcess(['explain', 'x/zzzzzzzz', fixture]);
  assert.equal(far.stderr, 'poolwatch: no service x/zzzzzzzz in the manifests\n');
  const bad = await runInProcess(['explain', 'web', fixture]);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, 'poolwatch: name the service as NAMESPACE/NAME, not "web"\n');
});

test('control characters from the manifests are shown as escapes in text, exact in JSON', async () => {
  const yaml = [
    'apiVersion: v1',
    'kind: Service',
    'metadata: {name: web, namespace: shop, labels: {team: "a\\u001b[2Jb"}, annotations: {metallb.io/address-pool: "x\\u001b]0;owned\\u0007"}}',
    'spec: {type: LoadBalancer}',
    '',
  ].join('\n');
  const text = await runInProcess(['explain', 'shop/web', '-'], { stdin: yaml });
  assert.equal(text.code, 0, text.stderr);
  // eslint-disable-next-line no-control-regex -- raw control characters are what must not appear
  assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text.stdout), 'no raw control characters');
  assert.match(text.stdout, /pool "x\\x1b\]0;owned\\x07"/);
  const json = await runInProcess(['explain', '-o', 'json', 'shop/web', '-'], { stdin: yaml });
  assert.equal((JSON.parse(json.stdout) as { requested: { pool: string } }).requested.pool, 'x\u001b]0;owned\u0007');
});

test('why that pool: the pinned pools in MetalLB\'s order, a pinned pool, and the services sharing an address', async () => {
  const read = async (service: string, path: string) => {
    const r = await runInProcess(['explain', '-o', 'json', service, path]);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as { pool: { name: string; serviceAllocation: string[] } | null; poolChoice: string[]; addresses: Array<{ sharedWith: string[] }> };
  };
  const pendingPinned = await read('shop/s1', 'test/fixtures/allocator-cases/priorities.yaml');
  assert.deepEqual(pendingPinned.poolChoice, [
    'MetalLB tries the pools spec.serviceAllocation pins to it, in order: "shop-10-a" (priority 10), "shop-10-b" (priority 10), "everyone-15" (priority 15), "shop-20" (priority 20), "shop-unset"; then the autoAssign pools without serviceAllocation: "fallback"',
  ]);
  const pinned = await read('payments/checkout', 'test/fixtures/kubectl-list');
  assert.deepEqual(pinned.pool?.serviceAllocation, ['priority 10', 'namespaces payments']);
  assert.match(pinned.poolChoice[1]!, /^pool "pool-a" is pinned to the service by spec\.serviceAllocation \(priority 10; namespaces payments\)/);
  const shared = await read('tools/dns-web', 'test/fixtures/shared-addresses');
  assert.deepEqual(shared.addresses[0]!.sharedWith, ['infra/dns-tcp', 'infra/dns-udp']);
});
