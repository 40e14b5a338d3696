// Golden output of `poolwatch simulate` on a GitOps-style fixture, its exit codes and its flags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertGolden } from '../support/golden.ts';
import { repoRoot, runInProcess } from '../support/cli.ts';

const goldenDir = join(repoRoot, 'test/golden/simulate');
const fixture = 'test/fixtures/simulate-gitops';

interface ServiceJson {
  namespace: string;
  name: string;
  state: string;
  ips: string[];
  simulated: boolean;
  reason: { code: string } | null;
}

test('simulate: table', async () => {
  const r = await runInProcess(['simulate', fixture]);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assertGolden(join(goldenDir, 'gitops.txt'), r.stdout);
});

test('simulate: JSON marks simulated services and keeps the contract', async () => {
  const r = await runInProcess(['simulate', '-o', 'json', fixture]);
  assert.equal(r.code, 0);
  const parsed = JSON.parse(r.stdout) as { apiVersion: string; services: ServiceJson[] };
  assert.equal(parsed.apiVersion, 'poolwatch/v1');
  const byKey = new Map(parsed.services.map((s) => [`${s.namespace}/${s.name}`, s]));
  assert.deepEqual(byKey.get('shop/checkout'), { ...byKey.get('shop/checkout'), state: 'allocated', ips: ['192.168.20.4'], simulated: true });
  assert.equal(byKey.get('shop/frontend')?.simulated, false, 'existing allocations are not simulated');
  assert.equal(byKey.get('ops/batch-3')?.reason?.code, 'pool-exhausted');
  // A service MetalLB moves: the address it holds now beside the new one; no other service has previousIps.
  const moved = byKey.get('shop/legacy') as { ips: string[]; previousIps?: string[] } | undefined;
  assert.deepEqual([moved?.previousIps, moved?.ips], [['192.168.20.0'], ['192.168.20.3']]);
  assert.deepEqual([...byKey].filter(([, s]) => 'previousIps' in (s as object)).map(([k]) => k), ['shop/legacy']);
  assertGolden(join(goldenDir, 'gitops.json'), r.stdout);
});

test('simulate --fail-on-pending exits 1 when a service would stay pending, 0 when none would', async () => {
  assert.equal((await runInProcess(['simulate', '--fail-on-pending', fixture])).code, 1);
  // Without the flag, pending services do not change the exit code.
  assert.equal((await runInProcess(['simulate', '-o', 'json', fixture])).code, 0);
  // basic-ipv4's pending service gets a free address in the simulation, so nothing stays pending.
  assert.equal((await runInProcess(['simulate', '--fail-on-pending', 'test/fixtures/basic-ipv4'])).code, 0);
});

test('simulate --lb-class handles only services of that class', async () => {
  const r = await runInProcess(['simulate', '-o', 'json', '--lb-class', 'example.com/other-lb', 'test/fixtures/basic-ipv4']);
  assert.equal(r.code, 0);
  const parsed = JSON.parse(r.stdout) as { services: ServiceJson[] };
  const handled = parsed.services.filter((s) => s.state !== 'ignored').map((s) => `${s.namespace}/${s.name} ${s.ips.join(',')} ${s.simulated}`);
  assert.deepEqual(handled, ['ops/edge 192.168.10.0 true']);
});

test('simulate --cluster-ip-families predicts families for services not applied yet', async () => {
  const r = await runInProcess(['simulate', '-o', 'json', '--cluster-ip-families', 'ipv4', fixture]);
  const parsed = JSON.parse(r.stdout) as { services: ServiceJson[] };
  assert.equal(parsed.services.find((s) => s.name === 'prometheus')?.reason?.code, 'not-enough-cluster-ips');
  const bad = await runInProcess(['simulate', '--cluster-ip-families', 'ipv5', fixture]);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, 'poolwatch: --cluster-ip-families "ipv5": expected ipv4, ipv6, ipv4,ipv6 or ipv6,ipv4\n');
});

test('simulate with a missing path is a one-line error, exit 2', async () => {
  const r = await runInProcess(['simulate', 'test/fixtures/no-such-dir']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'poolwatch: test/fixtures/no-such-dir does not exist\n');
});

test('the README and docs/cli.md show the real simulate output', async () => {
  const r = await runInProcess(['simulate', fixture]);
  for (const doc of ['README.md', 'docs/cli.md']) {
    const text = readFileSync(join(repoRoot, doc), 'utf8');
    const start = text.indexOf(`$ poolwatch simulate ${fixture}\n`);
    assert.ok(start >= 0, `${doc} shows the example`);
    const body = text.slice(start).split('\n').slice(1).join('\n');
    assert.equal(body.slice(0, body.indexOf('```')), r.stdout, `${doc} is out of date: paste the output of poolwatch simulate ${fixture}`);
  }
});
