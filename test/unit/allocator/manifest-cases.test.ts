// Allocator table tests written as manifests (test/fixtures/allocator-cases): each service says what it expects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulate, type SimulatedService } from '../../../src/core/allocator/index.ts';
import { snapshotFromTexts } from '../../../src/core/manifest/snapshot.ts';

const dir = new URL('../../fixtures/allocator-cases/', import.meta.url).pathname;
const EXPECT = 'test.poolwatch/expect';

function outcome(s: SimulatedService): string {
  if (s.state === 'ignored') return 'ignored';
  if (s.state === 'pending') return `pending ${s.reason?.code}`;
  if (s.stale) return `moved ${s.ips.join(',')}`;
  return s.simulated ? s.ips.join(',') : `kept ${s.ips.join(',')}`;
}

for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
  test(`allocator case ${file}`, () => {
    const snapshot = snapshotFromTexts([{ file, text: readFileSync(join(dir, file), 'utf8') }]);
    assert.deepEqual(snapshot.problems, [], 'the case file decodes cleanly');
    const services = simulate(snapshot).services;
    assert.ok(services.length > 0);
    for (const s of services) {
      const expected = s.service.annotations[EXPECT];
      assert.ok(expected, `${s.service.namespace}/${s.service.name} states its expectation`);
      assert.equal(outcome(s), expected, `${file}: ${s.service.namespace}/${s.service.name} (${s.reason?.message ?? s.stale?.problem ?? ''})`);
    }
  });
}
