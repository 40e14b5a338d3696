// Manifests never applied (a GitOps folder of new services): status, lint and explain say what MetalLB would assign, as simulate does, not that MetalLB failed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInProcess } from '../../support/cli.ts';

const DIR = 'test/fixtures/simulate-gitops';

interface Json {
  services: Array<{ namespace: string; name: string; state: string; pool: string | null; ips: string[]; simulated?: boolean; reason: { code: string; message: string } | null }>;
  findings: Array<{ code: string; message: string }>;
}

async function json(args: string[]): Promise<Json> {
  const r = await runInProcess([...args, '-o', 'json', DIR]);
  return JSON.parse(r.stdout) as Json;
}

test('status names, for each new service, the address and pool simulate gives it; one that would stay pending says why', async () => {
  const status = await json(['status']);
  const simulated = await json(['simulate']);
  const news = simulated.services.filter((s) => s.simulated && !s.name.startsWith('legacy'));
  assert.ok(news.length >= 8);
  for (const s of news) {
    const pending = status.services.find((p) => p.namespace === s.namespace && p.name === s.name)!;
    assert.equal(pending.state, 'pending');
    assert.deepEqual(pending.reason, {
      code: 'not-applied',
      message: `not applied yet (no creationTimestamp), so MetalLB has not seen it; it would get ${s.ips.join(', ')} from pool "${s.pool}" (poolwatch simulate shows what every new service gets)`,
    });
  }
  // Where simulate leaves a new service pending, status gives the same code (and says it is about the new services before it).
  for (const s of simulated.services.filter((x) => x.state === 'pending')) {
    const pending = status.services.find((p) => p.namespace === s.namespace && p.name === s.name)!;
    assert.equal(pending.reason!.code, s.reason!.code, `${s.namespace}/${s.name}`);
  }
  const batch3 = status.services.find((s) => s.name === 'batch-3')!;
  assert.equal(batch3.reason!.message, 'not applied yet, and once the new services before it (in MetalLB\'s order) have their addresses: pool "default" (4/4 IPv4) has no free IPv4 address');
  assert.ok(!JSON.stringify(status).includes('allocation-failed'), 'nothing was reported by MetalLB');
});

test('lint is quiet about new services that will get an address, and still warns about the ones that will not', async () => {
  const lint = await json(['lint']);
  const pending = lint.findings.filter((f) => f.code === 'service-pending').map((f) => f.message.replace(/ has no external address.*/, ''));
  assert.deepEqual(pending, ['service ops/ingress', 'service ops/batch-3']);
});

test('explain of a new service names its address and points to simulate', async () => {
  const r = await runInProcess(['explain', 'ops/batch-1', DIR]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^pending: +not-applied: not applied yet \(no creationTimestamp\), so MetalLB has not seen it; it would get 192\.168\.30\.12 from pool "default"/m);
  assert.match(r.stdout, /run poolwatch simulate on the manifests/);
});

test('a dump of a cluster (services with a creationTimestamp) keeps allocation-failed: MetalLB has seen them', async () => {
  const service = (name: string, created: string) =>
    `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: shop, creationTimestamp: "${created}"}\nspec: {type: LoadBalancer, ports: [{port: 80}]}\n`;
  const pool = 'apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata: {name: p, namespace: metallb-system}\nspec: {addresses: [10.0.0.0/30]}\n';
  const r = await runInProcess(['status', '-o', 'json', '-'], { stdin: [pool, service('a', '2026-01-01T00:00:00Z')].join('---\n') });
  const json = JSON.parse(r.stdout) as Json;
  assert.equal(json.services[0]!.reason!.code, 'allocation-failed');
  assert.match(json.services[0]!.reason!.message, /^MetalLB has not assigned an address, yet pool "p" has 10\.0\.0\.0 free for it/);
});
