// The live store, fed object by object through the kind list, reports what the batch analysis of the same objects reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../src/core/pipeline/analyze.ts';
import type { AnalysisOptions } from '../../../src/core/analysis/options.ts';
import { parseManifestText } from '../../../src/core/manifest/parse.ts';
import { addToSnapshot, decodeObject } from '../../../src/core/model/kinds/decode-object.ts';
import { KINDS } from '../../../src/core/model/kinds/index.ts';
import { emptySnapshot } from '../../../src/core/model/snapshot.ts';
import { toJson } from '../../../src/core/report/json.ts';
import { ClusterStore, type RawObject } from '../../../src/sources/cluster-store.ts';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures');
const now = new Date('2026-11-21T10:00:00Z');

function rawObjects(dir: string): RawObject[] {
  return readdirSync(join(fixtures, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .flatMap((f) => parseManifestText(readFileSync(join(fixtures, dir, f), 'utf8'), f).objects.map((o) => o.raw as RawObject));
}

const batch = (objects: readonly RawObject[], options: AnalysisOptions = {}) => {
  const snapshot = emptySnapshot();
  for (const o of objects) addToSnapshot(snapshot, decodeObject(o));
  return toJson(analyze(snapshot, { ...options, now }));
};

test('every kind shares its slot\'s way of being applied', () => {
  for (const k of KINDS) {
    const first = KINDS.find((o) => o.slot === k.slot)!;
    assert.equal(k.live, first.live, `${k.kind} and ${first.kind} both fill ${k.slot}`);
  }
});

for (const dir of ['basic-ipv4', 'dual-stack', 'exhausted-pool', 'legacy-configmap', 'overlapping-pools', 'shared-addresses', 'simulate-gitops', 'guides-cluster']) {
  test(`live store equals the batch analysis: ${dir}`, () => {
    const objects = rawObjects(dir);
    assert.ok(objects.length >= 3);
    // The API lists objects in key order, and the live store keeps pools and advertisements in that order.
    const key = (o: RawObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    const expected = batch([...objects].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)));

    // Services first, configuration last: each kind must reach the ledger whatever the order.
    const store = new ClusterStore();
    for (const o of [...objects].reverse()) store.upsert(o);
    assert.deepEqual(toJson(store.report(now)), expected);

    // Every object removed and applied again (events and configuration included) ends in the same state.
    for (const o of objects) store.remove(o);
    assert.deepEqual(toJson(store.report(now)), batch([]));
    for (const o of objects) store.upsert(o);
    assert.deepEqual(toJson(store.report(now)), expected);
  });
}

test('an AllocationFailed event explains a pending service until the event is deleted', () => {
  // Without the allocator's explanation the event's message is the only reason there is.
  const options: AnalysisOptions = { explainPending: null };
  const objects = rawObjects('basic-ipv4');
  const event = objects.find((o) => o.kind === 'Event')!;
  const store = new ClusterStore(options);
  for (const o of objects) store.upsert(o);
  const reason = () => toJson(store.report(now)).services.find((s) => s.name === 'queue')!.reason;
  assert.deepEqual(reason(), { code: 'allocation-failed', message: 'Failed to allocate IP for "shop/queue": no available IPs' });
  assert.deepEqual(toJson(store.report(now)), batch(objects, options));
  store.remove({ kind: event.kind, apiVersion: event.apiVersion, metadata: event.metadata });
  assert.equal(reason(), null);
  assert.deepEqual(toJson(store.report(now)), batch(objects.filter((o) => o !== event), options));
});
