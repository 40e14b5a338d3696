// A per-service finding added as one rule file and one list entry shows in status, lint, simulate and a running serve alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInProcess } from '../support/cli.ts';
import { startServe } from '../support/serve.ts';

const DIR = 'test/fixtures/request-mismatch';
const WEB = 'service shop/web: metallb.io/address-pool asks for pool "b", but it holds 10.0.1.5 from pool "a"';
const API = 'service shop/api: metallb.io/loadBalancerIPs asks for 10.0.1.9, but it holds 10.0.1.8';

test('request-mismatch in status, lint and simulate', async () => {
  const status = await runInProcess(['status', '-o', 'json', DIR]);
  const found = (JSON.parse(status.stdout) as { findings: { code: string; message: string }[] }).findings.filter((f) => f.code === 'request-mismatch');
  assert.deepEqual(
    found.map((f) => f.message.split(';')[0]),
    [WEB, API],
    'db holds what it asks for, so only web and api',
  );
  const lint = await runInProcess(['lint', DIR]);
  assert.equal(lint.code, 0, 'warnings do not fail lint by default');
  assert.match(lint.stdout, /cluster\.yaml:26:1: warning request-mismatch: service shop\/web/);
  assert.equal((await runInProcess(['lint', '--fail-on', 'warning', DIR])).code, 1);
  const simulate = await runInProcess(['simulate', DIR]);
  assert.match(simulate.stdout, /request-mismatch .* service shop\/web: MetalLB will not keep 10\.0\.1\.5 .*; it moves to 10\.0\.2\.0 from pool "b"/);
});

test('request-mismatch in a running serve: the findings API and poolwatch_findings', async () => {
  const serve = await startServe(['--source', 'manifests', DIR]);
  try {
    assert.equal(await serve.metric('poolwatch_findings{code="request-mismatch",severity="warning"}'), 2);
    const api = await serve.get('/api/v1/findings');
    assert.equal(api.status, 200);
    assert.ok(api.text.includes(WEB.replaceAll('"', '\\"')), api.text);
  } finally {
    await serve.stop();
  }
});
