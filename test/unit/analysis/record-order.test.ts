// Key order of services: the order `<` gives their `namespace/name` text, found without joining it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareNamespaces, keyOrder } from '../../../src/core/analysis/record-order.ts';

const byKeyText = (xs: { namespace: string; name: string }[]): number[] =>
  xs
    .map((s, i) => ({ key: `${s.namespace}/${s.name}`, i }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i))
    .map((x) => x.i);

test('keyOrder equals a stable sort by the joined key text, for input in any order or already sorted', () => {
  const svc = fc.record({ namespace: fc.constantFrom('a', 'a-b', 'ab', 'a0', 'b', 'z'), name: fc.constantFrom('s', 's-1', 's1', 't', 'x.y') });
  fc.assert(
    fc.property(fc.array(svc, { maxLength: 40 }), fc.boolean(), (services, presort) => {
      const input = presort ? byKeyText(services).map((i) => services[i]!) : services;
      const got = keyOrder(input);
      assert.deepEqual(got.order, byKeyText(input));
      const keys = input.map((s) => `${s.namespace}/${s.name}`);
      assert.equal(got.repeated, new Set(keys).size < keys.length, 'a repeated key is noticed');
    }),
    { numRuns: 500 },
  );
});

test('a namespace that begins another sorts as its key prefix does: "a-b/" < "a/" < "ab/"', () => {
  assert.ok(compareNamespaces('a-b', 'a') < 0);
  assert.ok(compareNamespaces('a', 'ab') < 0);
  assert.ok(compareNamespaces('a', 'a0') < 0);
  assert.equal(compareNamespaces('team', 'team'), 0);
});
