// Repeated addresses among many: by packed IPv4 values (the batch's way) and by text (its fallback past two million) group alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatIp } from '../../../src/core/address/index.ts';
import { repeatedIpv4, repeatedTexts } from '../../../src/core/analysis/shared-addresses.ts';

const normal = (groups: number[][]): string => JSON.stringify(groups.map((g) => [...g]).sort((a, b) => a[0]! - b[0]!));

test('repeatedIpv4 groups exactly the positions of equal values, in order, as repeatedTexts does for their texts', () => {
  const value = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom(0x0a000001, 2 ** 32 - 1, 2 ** 32 - 2));
  fc.assert(
    fc.property(fc.array(value, { maxLength: 40 }), (values) => {
      const byValue = repeatedIpv4(Float64Array.from(values), values.length);
      const byText = repeatedTexts(values.map((v) => formatIp('ipv4', BigInt(v))));
      assert.equal(normal(byValue), normal(byText));
      const want = new Map<number, number[]>();
      values.forEach((v, i) => want.set(v, [...(want.get(v) ?? []), i]));
      assert.equal(normal(byValue), normal([...want.values()].filter((g) => g.length > 1)));
      // Groups come by value, ascending (the order contested addresses are reported in).
      const firsts = byValue.map((g) => values[g[0]!]!);
      assert.deepEqual(firsts, [...firsts].sort((a, b) => a - b));
    }),
    { numRuns: 500 },
  );
});
