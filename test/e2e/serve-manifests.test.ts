// `poolwatch serve PATH` re-reads the manifests when they change; a broken edit keeps the last good state with source_up 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../support/processes.ts';
import { repoRoot, startServe } from '../support/serve.ts';

test('serve --source manifests follows file changes (debounced) and survives a bad edit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-serve-manifests-'));
  cpSync(join(repoRoot, 'test', 'fixtures', 'basic-ipv4'), dir, { recursive: true });
  const tokenFile = join(dir, 'token');
  writeFileSync(tokenFile, 'letmein\n');
  const serve = await startServe([dir, '--debounce', '100', '--auth-token-file', tokenFile, '--no-service-metrics']);
  const auth = { authorization: 'Bearer letmein' };
  const metric = async (series: string) => {
    const { text } = await serve.get('/metrics', auth);
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };
  try {
    assert.equal((await serve.get('/readyz')).status, 200);
    assert.equal((await serve.get('/metrics')).status, 401);
    const total = await metric('poolwatch_pool_addresses{pool="default",family="ipv4"}');
    assert.equal(total, 256);
    assert.doesNotMatch((await serve.get('/metrics', auth)).text, /poolwatch_service_address_info/);

    // Widen the pool: the new size shows without a restart.
    const pools = join(dir, 'pools.yaml');
    writeFileSync(pools, readFileSync(pools, 'utf8').replace('192.168.10.0/24', '192.168.10.0/23'));
    await waitFor('the edit to show', async () => ((await metric('poolwatch_pool_addresses{pool="default",family="ipv4"}')) === 512 ? true : undefined));
    assert.equal(await metric('poolwatch_source_up'), 1);

    // Emptying every file leaves nothing usable: keep the last good state, source_up 0.
    writeFileSync(pools, '');
    writeFileSync(join(dir, 'services.yaml'), '');
    await waitFor('source_up 0', async () => ((await metric('poolwatch_source_up')) === 0 ? true : undefined));
    assert.equal(await metric('poolwatch_pool_addresses{pool="default",family="ipv4"}'), 512);
    const status = JSON.parse((await serve.get('/api/v1/status', auth)).text);
    assert.equal(status.source.up, false);
    assert.match(status.source.notes[0], /empty, no manifests to read/);

    // Fixing it recovers.
    cpSync(join(repoRoot, 'test', 'fixtures', 'basic-ipv4'), dir, { recursive: true });
    await waitFor('recovery', async () => ((await metric('poolwatch_source_up')) === 1 ? true : undefined));
    assert.equal(await metric('poolwatch_pool_addresses{pool="default",family="ipv4"}'), 256);
  } finally {
    await serve.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(serve.process.child.exitCode, 0);
  assert.match(serve.process.output(), /read the manifests again after a change/);
});
