// Property tests for the address math: brute force on small ranges, cidr-tools and ip-address as independent oracles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mergeCidr, parseCidr } from 'cidr-tools';
import { Address4, Address6 } from 'ip-address';
import {
  buggyCount,
  findOverlaps,
  formatIp,
  mergeRanges,
  parseAddressEntry,
  parseIp,
  RangeIndex,
  rangeSize,
  rangeToCidrs,
  usableCount,
  type AddressRange,
} from '../../../src/core/address/index.ts';

const RUNS = { numRuns: 500 };
const v4 = fc.bigInt({ min: 0n, max: (1n << 32n) - 1n });
const v6 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });
/** A small IPv4 range (up to 2,048 addresses) so brute force stays cheap. */
const smallV4Range = fc.tuple(fc.bigInt({ min: 0n, max: (1n << 32n) - 2049n }), fc.bigInt({ min: 0n, max: 2047n })).map(([start, len]): AddressRange => ({ family: 'ipv4', start, end: start + len }));
/** Ranges clustered in a 4,096-address window so they overlap often. */
const clusteredRange = fc.tuple(fc.bigInt({ min: 0n, max: 4000n }), fc.bigInt({ min: 0n, max: 300n })).map(([s, len]): AddressRange => ({ family: 'ipv4', start: 0x0a000000n + s, end: 0x0a000000n + s + len }));

test('IPv4 and IPv6 format and parse round-trip, matching ip-address', () => {
  fc.assert(
    fc.property(v4, (value) => {
      const text = formatIp('ipv4', value);
      assert.equal(text, Address4.fromBigInt(value).correctForm());
      assert.deepEqual(parseIp(text), { family: 'ipv4', value });
    }),
    RUNS,
  );
  // Addresses with runs of zero groups exercise the "::" compression rules.
  const sparse6 = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 }).map((g) => g.reduce((acc, x) => (acc << 16n) | BigInt(x), 0n));
  fc.assert(
    fc.property(fc.oneof(v6, sparse6), (value) => {
      const text = formatIp('ipv6', value);
      assert.equal(text, Address6.fromBigInt(value).correctForm());
      assert.deepEqual(parseIp(text), { family: 'ipv6', value });
      assert.equal(parseIp(new Address6(text).canonicalForm()).value, value, 'the fully written form parses to the same value');
    }),
    RUNS,
  );
});

test('CIDR parsing matches cidr-tools (start, end and size, IPv4 and IPv6)', () => {
  fc.assert(
    fc.property(fc.oneof(fc.tuple(v4, fc.integer({ min: 0, max: 32 }), fc.constant('ipv4' as const)), fc.tuple(v6, fc.integer({ min: 0, max: 128 }), fc.constant('ipv6' as const))), ([value, prefix, family]) => {
      const cidr = `${formatIp(family, value)}/${prefix}`;
      const ours = parseAddressEntry(cidr);
      const oracle = parseCidr(cidr);
      assert.equal(ours.start, oracle.start, cidr);
      assert.equal(ours.end, oracle.end, cidr);
      assert.equal(rangeSize(ours), 1n << BigInt((family === 'ipv4' ? 32 : 128) - prefix));
    }),
    RUNS,
  );
});

test('a range is covered exactly by its minimal CIDRs, the same ones cidr-tools gives', () => {
  fc.assert(
    fc.property(fc.oneof(smallV4Range, fc.tuple(v6, fc.bigInt({ min: 0n, max: 1n << 70n })).filter(([s, l]) => s + l < 1n << 128n).map(([start, len]): AddressRange => ({ family: 'ipv6', start, end: start + len }))), (r) => {
      const cidrs = rangeToCidrs(r);
      let next = r.start;
      let total = 0n;
      for (const c of cidrs) {
        const p = parseAddressEntry(c);
        assert.equal(p.start, next, 'blocks are contiguous and in order');
        assert.equal(p.start % rangeSize(p), 0n, 'blocks are aligned');
        next = p.end + 1n;
        total += rangeSize(p);
      }
      assert.equal(next, r.end + 1n);
      assert.equal(total, rangeSize(r));
      // cidr-tools' merge is itself a minimal cover: it must give back exactly our blocks.
      const oracle = mergeCidr(cidrs).map((c) => parseCidr(c)).map((p) => `${p.start}-${p.end}`);
      assert.deepEqual(oracle, cidrs.map((c) => parseAddressEntry(c)).map((p) => `${p.start}-${p.end}`));
    }),
    RUNS,
  );
});

test('a-b ranges with spaces around the dash, and single addresses', () => {
  fc.assert(
    fc.property(smallV4Range, fc.constantFrom('-', ' - ', '- ', ' -'), (r, dash) => {
      const text = `${formatIp('ipv4', r.start)}${dash}${formatIp('ipv4', r.end)}`;
      assert.deepEqual(parseAddressEntry(text), r);
      assert.deepEqual(parseAddressEntry(formatIp('ipv4', r.start)), { family: 'ipv4', start: r.start, end: r.start });
    }),
    RUNS,
  );
  assert.equal(rangeSize(parseAddressEntry('fd00::/48')), 1n << 80n, 'an IPv6 /48 holds 2^80 addresses, exactly');
});

test('avoidBuggyIPs removes exactly the .0 and .255 addresses (brute force)', () => {
  fc.assert(
    fc.property(smallV4Range, (r) => {
      let buggy = 0n;
      for (let v = r.start; v <= r.end; v++) if ((v & 255n) === 0n || (v & 255n) === 255n) buggy++;
      assert.equal(buggyCount(r), buggy);
      assert.equal(usableCount(r, true), rangeSize(r) - buggy);
      assert.equal(usableCount(r, false), rangeSize(r));
      assert.ok(usableCount(r, true) >= 0n);
    }),
    RUNS,
  );
  assert.equal(usableCount(parseAddressEntry('fd00::/120'), true), 256n, 'no effect on IPv6');
});

test('merging equals the brute-force union of addresses', () => {
  fc.assert(
    fc.property(fc.array(clusteredRange, { maxLength: 8 }), (ranges) => {
      const set = new Set<bigint>();
      for (const r of ranges) for (let v = r.start; v <= r.end; v++) set.add(v);
      const merged = mergeRanges(ranges);
      let count = 0n;
      for (let i = 0; i < merged.length; i++) {
        count += rangeSize(merged[i]!);
        if (i > 0) assert.ok(merged[i]!.start > merged[i - 1]!.end + 1n, 'merged ranges are disjoint and not adjacent');
      }
      assert.equal(count, BigInt(set.size));
    }),
    RUNS,
  );
});

test('overlaps equal brute-force pairwise intersection, with exact sizes', () => {
  fc.assert(
    fc.property(fc.array(clusteredRange, { maxLength: 10 }), (ranges) => {
      const labelled = ranges.map((range, label) => ({ range, label }));
      const found = findOverlaps(labelled).map((o) => {
        const [x, y] = [o.a.label, o.b.label].sort((p, q) => p - q);
        return `${x}-${y}:${o.range.start}-${o.range.end}`;
      });
      const expected: string[] = [];
      for (let i = 0; i < ranges.length; i++) {
        for (let j = i + 1; j < ranges.length; j++) {
          let lo = -1n;
          let hi = -1n;
          for (let v = ranges[i]!.start; v <= ranges[i]!.end; v++) {
            if (v >= ranges[j]!.start && v <= ranges[j]!.end) {
              if (lo < 0n) lo = v;
              hi = v;
            }
          }
          if (lo >= 0n) expected.push(`${i}-${j}:${lo}-${hi}`);
        }
      }
      assert.deepEqual(found.sort(), expected.sort());
    }),
    RUNS,
  );
});

test('the range index finds exactly the ranges holding an address', () => {
  fc.assert(
    fc.property(fc.array(clusteredRange, { maxLength: 10 }), fc.array(fc.bigInt({ min: 0x0a000000n - 5n, max: 0x0a000000n + 4400n }), { maxLength: 30 }), (ranges, probes) => {
      const index = new RangeIndex(ranges.map((range, label) => ({ range, label })));
      for (const v of probes) {
        const expected = ranges.flatMap((r, i) => (r.start <= v && v <= r.end ? [i] : []));
        assert.deepEqual([...index.lookup('ipv4', v)], expected);
      }
      assert.deepEqual([...index.lookup('ipv6', 0x0a000000n)], [], 'families never mix');
    }),
    RUNS,
  );
});

test('the range index finds IPv6 addresses given as groups exactly as given as values', () => {
  // Bounds and probes near where the three words of a lookup meet (bits 80 and 32), and at the ends.
  const edges = [0n, 1n << 32n, (1n << 32n) - 1n, 1n << 80n, (1n << 80n) - 1n, (1n << 128n) - 1n, 0xfd00n << 112n];
  const value = fc.tuple(fc.constantFrom(...edges), fc.bigInt({ min: -3n, max: 3n })).map(([e, d]) => {
    const v = e + d;
    return v < 0n ? 0n : v >= 1n << 128n ? (1n << 128n) - 1n : v;
  });
  const range = fc.tuple(value, value).map(([x, y]) => (x <= y ? { family: 'ipv6' as const, start: x, end: y } : { family: 'ipv6' as const, start: y, end: x }));
  const groupsOf = (v: bigint): number[] => Array.from({ length: 8 }, (_, k) => Number((v >> BigInt(112 - 16 * k)) & 0xffffn));
  fc.assert(
    fc.property(fc.array(range, { maxLength: 8 }), fc.array(value, { maxLength: 20 }), (ranges, probes) => {
      const index = new RangeIndex(ranges.map((r, label) => ({ range: r, label })));
      for (const v of probes) {
        const expected = ranges.flatMap((r, i) => (r.start <= v && v <= r.end ? [i] : []));
        assert.deepEqual([...index.lookupIpv6Groups(groupsOf(v))], expected, String(v));
        assert.deepEqual([...index.lookup('ipv6', v)], expected);
      }
    }),
    RUNS,
  );
});
