// The allocator behind the ledger's pending reasons: kept in step with service and pool changes between reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PoolLedger } from '../../../src/core/analysis/ledger.ts';
import { createLedger } from '../../../src/core/pipeline/analyze.ts';
import { pool, svc } from './build.ts';

test('pending reasons follow service events and pool changes', () => {
  const ledger = createLedger();
  ledger.setPools([pool('tiny', ['10.0.0.0/31'])]);
  ledger.upsertService(svc('shop/a', { ingress: ['10.0.0.0'] }));
  ledger.upsertService(svc('shop/b', { ingress: ['10.0.0.1'] }));
  // Applied (it has a creationTimestamp): MetalLB has seen it, so a free address means MetalLB failed.
  ledger.upsertService(svc('shop/c', { created: '2026-01-03T00:00:00Z' }));
  assert.deepEqual(ledger.pendingReasons().get('shop/c'), { code: 'pool-exhausted', message: 'pool "tiny" (2/2 IPv4) has no free IPv4 address' });

  ledger.removeService('shop', 'b');
  assert.equal(ledger.pendingReasons().get('shop/c')?.code, 'allocation-failed', 'an address was freed');

  ledger.upsertService(svc('shop/b', { ingress: ['10.0.0.1'], share: 'x' }));
  assert.equal(ledger.pendingReasons().get('shop/c')?.code, 'pool-exhausted', 'taken again');

  ledger.setPools([pool('tiny', ['10.0.0.0/30'])]);
  assert.match(ledger.pendingReasons().get('shop/c')!.message, /has 10\.0\.0\.2 free for it/, 'the pool grew');
});

test('a service refused for a conflict is retried once the other holder goes away', () => {
  const ledger = createLedger();
  ledger.setPools([pool('one', ['10.0.0.0/32'])]);
  ledger.upsertService(svc('shop/a', { ingress: ['10.0.0.0'], created: '2026-01-01T00:00:00Z' }));
  ledger.upsertService(svc('shop/b', { ingress: ['10.0.0.0'], created: '2026-01-02T00:00:00Z' }));
  ledger.upsertService(svc('shop/c', { created: '2026-01-03T00:00:00Z' }));
  assert.equal(ledger.pendingReasons().get('shop/c')?.code, 'pool-exhausted');
  ledger.removeService('shop', 'a');
  // b now holds 10.0.0.0 unopposed, so the pool is still full for c.
  assert.equal(ledger.pendingReasons().get('shop/c')?.code, 'pool-exhausted');
  ledger.removeService('shop', 'b');
  assert.equal(ledger.pendingReasons().get('shop/c')?.code, 'allocation-failed');
});

test('explanations can be turned off', () => {
  const ledger = new PoolLedger({ explainPending: null });
  ledger.setPools([pool('tiny', ['10.0.0.0/31'])]);
  ledger.upsertService(svc('shop/c'));
  assert.equal(ledger.pendingReasons().get('shop/c'), undefined);
});
