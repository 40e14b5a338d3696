// A pool's per-namespace counts: a batch load in key order, then single changes, read back as a plain map of the sums would give.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NamespaceCounts } from '../../../src/core/analysis/namespace-counts.ts';
import { compareNamespaces } from '../../../src/core/analysis/record-order.ts';

test('a batch load, then single changes, give the sums a map would', () => {
  const ns = fc.constantFrom('a', 'a-b', 'ab', 'a0', 'b', 'team-1', 'team-10', 'z');
  const change = fc.record({ ns, family: fc.constantFrom('ipv4' as const, 'ipv6' as const), delta: fc.constantFrom(1, -1) });
  const batch = fc.uniqueArray(fc.record({ ns, v4: fc.nat(3), v6: fc.nat(3) }), { selector: (e) => e.ns, maxLength: 8 });
  fc.assert(
    fc.property(batch, fc.boolean(), fc.array(change, { maxLength: 12 }), (entries, sorted, changes) => {
      // A batch gives its namespaces in key order; in any other order, lookups must still find them.
      const given = sorted ? [...entries].sort((x, y) => compareNamespaces(x.ns, y.ns)) : entries;
      const counts = new NamespaceCounts();
      counts.load(
        given.map((e) => e.ns),
        given.map((e) => e.v4),
        given.map((e) => e.v6),
      );
      const want = new Map(given.map((e) => [e.ns, { ipv4: e.v4, ipv6: e.v6 }]));
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
