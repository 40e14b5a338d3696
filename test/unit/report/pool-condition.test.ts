// A pool family's condition: capacity first (exact), then "filling" exactly when MetalLBPoolFillingUp's warning would fire.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { familyCondition, worseCondition } from '../../../src/core/report/pool-condition.ts';

const now = 1_000_000;
const filling = (inHours: number) => ({ state: 'filling', exhaustsAtSeconds: now + inHours * 3600 });

test('capacity thresholds are exact and win over the forecast', () => {
  assert.equal(familyCondition({ inUse: 254n, total: 254n }, null, now), 'exhausted');
  assert.equal(familyCondition({ inUse: 95n, total: 100n }, null, now), 'nearly-exhausted');
  assert.equal(familyCondition({ inUse: 94n, total: 100n }, filling(1), now), 'high');
  assert.equal(familyCondition({ inUse: 80n, total: 100n }, null, now), 'high');
  assert.equal(familyCondition({ inUse: 2n ** 64n - 1n, total: 2n ** 64n }, null, now), 'nearly-exhausted');
  assert.equal(familyCondition(null, null, now), 'ok');
  assert.equal(familyCondition({ inUse: 0n, total: 0n }, filling(1), now), 'ok');
});

test('"filling": runs out within 24 h and less than 40% free, as the warning tier of MetalLBPoolFillingUp', () => {
  assert.equal(familyCondition({ inUse: 168n, total: 254n }, filling(8), now), 'filling');
  assert.equal(familyCondition({ inUse: 168n, total: 254n }, filling(25), now), 'ok');
  // 40% free exactly is not under the gate.
  assert.equal(familyCondition({ inUse: 60n, total: 100n }, filling(3), now), 'ok');
  assert.equal(familyCondition({ inUse: 61n, total: 100n }, filling(3), now), 'filling');
  assert.equal(familyCondition({ inUse: 61n, total: 100n }, { state: 'not-filling', exhaustsAtSeconds: null }, now), 'ok');
  assert.equal(worseCondition('filling', 'high'), 'high');
  assert.equal(worseCondition('ok', 'filling'), 'filling');
});
