// The manifest source's health: its last sync is the last successful read of the files, not the time it is asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../src/log.ts';
import { ManifestWatchSource } from '../../../src/sources/manifest-watch-source.ts';
import { waitFor } from '../../support/processes.ts';

const fixture = join(import.meta.dirname, '..', '..', 'fixtures', 'basic-ipv4');

test('the last sync is the last successful read: it stays put while nothing is read, and a failed read leaves it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-manifest-source-'));
  cpSync(fixture, dir, { recursive: true });
  let clock = 1_000_000;
  const source = new ManifestWatchSource({ paths: [dir], cwd: dir, logger: silentLogger, debounceMs: 10, now: () => clock });
  try {
    await source.start();
    assert.equal(source.health().lastSyncMs, 1_000_000);
    clock = 1_060_000;
    assert.equal(source.health().up, true);
    assert.equal(source.health().lastSyncMs, 1_000_000, 'asking later does not make the state newer');

    // A good edit is read at 1,060,000.
    const pools = join(dir, 'pools.yaml');
    writeFileSync(pools, readFileSync(pools, 'utf8').replace('192.168.10.0/24', '192.168.10.0/23'));
    await waitFor('the edit to be read', async () => (source.reloadCount === 2 ? true : undefined));
    assert.equal(source.health().lastSyncMs, 1_060_000);

    // A bad edit: the last good read stays the last sync, however late it is asked.
    clock = 1_120_000;
    writeFileSync(pools, '');
    writeFileSync(join(dir, 'services.yaml'), '');
    await waitFor('the failed read', async () => (source.health().up ? undefined : true));
    clock = 1_180_000;
    assert.equal(source.health().lastSyncMs, 1_060_000);
  } finally {
    await source.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
