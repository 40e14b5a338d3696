// A pool's per-namespace counts: batch appends in key order, then single changes, read back as a plain map of the sums would give.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NamespaceCounts } from '../../../src/core/analysis/namespace-counts.ts';
import { compareNamespaces } from '../../../src/core/analysis/record-order.ts';

test('appends (in key order, or not), then single changes, give the sums a map would', () => {
  const ns = fc.constantFrom('a', 'a-b', 'ab', 'a0', 'b', 'team-1', 'team-10', 'z');
  const append = fc.record({ ns, v4: fc.nat(3), v6: fc.nat(3) });
  const change = fc.record({ ns, family: fc.constantFrom('ipv4' as const, 'ipv6' as const), delta: fc.constantFrom(1, -1) });
  fc.assert(
    fc.property(fc.array(append, { maxLength: 12 }), fc.boolean(), fc.array(change, { maxLength: 12 }), (appends, sorted, changes) => {
      // A batch appends namespace by namespace (each one's appends together), in key order; namespaces in
      // the order they first come check the fallback when they are not.
      const first = new Map<string, number>();
      appends.forEach((a, i) => first.has(a.ns) || first.set(a.ns, i));
      const batch = [...appends].sort((x, y) => (sorted ? compareNamespaces(x.ns, y.ns) : first.get(x.ns)! - first.get(y.ns)!));
      const counts = new NamespaceCounts();
      const want = new Map<string, { ipv4: number; ipv6: number }>();
      const bump = (name: string, ipv4: number, ipv6: number): void => {
        const c = want.get(name) ?? { ipv4: 0, ipv6: 0 };
        want.set(name, { ipv4: c.ipv4 + ipv4, ipv6: c.ipv6 + ipv6 });
      };
      for (const a of batch) {
        counts.append(a.ns, a.v4, a.v6);
        bump(a.ns, a.v4, a.v6);
      }
      for (const c of changes) {
        counts.add(c.ns, c.family, c.delta);
        bump(c.ns, c.family === 'ipv4' ? c.delta : 0, c.family === 'ipv6' ? c.delta : 0);
      }
      for (const [name, c] of want) assert.deepEqual(counts.get(name), c.ipv4 === 0 && c.ipv6 === 0 ? undefined : c, name);
      const record = counts.toRecord((ipv4, ipv6) => ({ ipv4, ipv6 }));
      const nonZero = [...want].filter(([, c]) => c.ipv4 !== 0 || c.ipv6 !== 0).sort(([x], [y]) => (x < y ? -1 : 1));
      assert.deepEqual(Object.entries(record), nonZero);
    }),
    { numRuns: 500 },
  );
});
