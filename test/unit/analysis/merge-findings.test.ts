// Merging sorted findings: equal to one sort of what is kept plus what is new, by either way of merging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { keyFinding, mergeKeyed, sortFindings, sortKeyed } from '../../../src/core/analysis/findings/finding.ts';
import type { Finding } from '../../../src/core/report/types.ts';

const finding = fc.record({
  code: fc.constantFrom('service-not-announced', 'request-mismatch', 'pool-exhausted'),
  severity: fc.constantFrom('error', 'warning', 'info'),
  message: fc.constantFrom('a', 'b', 'service x holds 10.0.0.1', 'service y'),
  objects: fc.array(fc.constantFrom('Service/a/x', 'Service/b/y'), { maxLength: 2 }),
  location: fc.option(fc.constantFrom('a.yaml:1:1', 'a.yaml:10:3', 'b.yaml:2:1', 'c:d.yaml:4:2'), { nil: null }),
}) as fc.Arbitrary<Finding>;

test('mergeKeyed equals sorting the long list without the dropped items plus the short list, for short lists of any length', () => {
  fc.assert(
    fc.property(fc.array(finding, { maxLength: 60 }), fc.array(finding, { maxLength: 60 }), fc.array(fc.boolean(), { maxLength: 60 }), (long, short, dropped) => {
      const keyedLong = sortKeyed(long.map((f, i) => ({ ...keyFinding(f), i })));
      const drop = (k: { i: number }) => dropped[k.i] === true;
      const merged = mergeKeyed(keyedLong, sortKeyed(short.map((f) => ({ ...keyFinding(f), i: -1 }))), drop).map((k) => k.finding);
      const expected = sortFindings([...long.filter((_, i) => dropped[i] !== true), ...short]);
      assert.deepEqual(merged, expected);
      // Without drop, nothing of the long list is left out.
      assert.equal(mergeKeyed(keyedLong, []).length, long.length);
    }),
    { numRuns: 400 },
  );
});

test('long lists merge as one sort orders them, for a short list of a few and one nearly as long', () => {
  const make = (n: number, prefix: string) => sortKeyed(Array.from({ length: n }, (_, i) => keyFinding({ code: 'request-mismatch', severity: 'warning', message: `${prefix}${String(i).padStart(4, '0')}`, objects: [], location: null } as Finding)));
  for (const [longN, shortN] of [
    [1000, 3],
    [1000, 900],
  ] as const) {
    const long = make(longN, 'm');
    const short = make(shortN, 'm');
    const merged = mergeKeyed(long, short).map((k) => k.finding.message);
    assert.deepEqual(merged, [...long, ...short].map((k) => k.finding.message).sort());
  }
});
