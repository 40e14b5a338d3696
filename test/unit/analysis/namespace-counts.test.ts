// A pool's per-namespace counts: single changes, read back as a plain map of the sums would give.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NamespaceCounts } from '../../../src/core/analysis/namespace-counts.ts';

test('single changes give the sums a map would, in namespace order', () => {
  const ns = fc.constantFrom('a', 'a-b', 'ab', 'a0', 'b', 'team-1', 'team-10', 'z');
  const change = fc.record({ ns, family: fc.constantFrom('ipv4' as const, 'ipv6' as const), delta: fc.constantFrom(1, -1) });
  fc.assert(
    fc.property(fc.array(change, { maxLength: 24 }), (changes) => {
      const counts = new NamespaceCounts();
      const want = new Map<string, { ipv4: number; ipv6: number }>();
      for (const c of changes) {
        counts.add(c.ns, c.family, c.delta);
        const now = want.get(c.ns) ?? { ipv4: 0, ipv6: 0 };
        want.set(c.ns, { ipv4: now.ipv4 + (c.family === 'ipv4' ? c.delta : 0), ipv6: now.ipv6 + (c.family === 'ipv6' ? c.delta : 0) });
      }
      for (const [name, c] of want) assert.deepEqual(counts.get(name), c.ipv4 === 0 && c.ipv6 === 0 ? undefined : c, name);
      const record = counts.toRecord((ipv4, ipv6) => ({ ipv4, ipv6 }));
      const nonZero = [...want].filter(([, c]) => c.ipv4 !== 0 || c.ipv6 !== 0).sort(([x], [y]) => (x < y ? -1 : 1));
      assert.deepEqual(Object.entries(record), nonZero);
    }),
    { numRuns: 500 },
  );
});
