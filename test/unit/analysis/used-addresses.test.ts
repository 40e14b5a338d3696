// The used-address runs: next free address by arithmetic, checked against a brute-force walk on small ranges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { UsedAddresses } from '../../../src/core/analysis/used-addresses.ts';
import { isBuggyIp, type IpFamily } from '../../../src/core/address/index.ts';

/** A used-address set with its membership, as the allocator keeps it. */
class Used {
  readonly values = new Set<bigint>();
  readonly runs: UsedAddresses;
  constructor(family: IpFamily) {
    this.runs = new UsedAddresses(family, () => this.values);
  }
  add(v: bigint): void {
    if (this.values.has(v)) return;
    this.values.add(v);
    this.runs.add(v);
  }
  delete(v: bigint): void {
    if (!this.values.delete(v)) return;
    this.runs.delete(v);
  }
  firstFree(start: bigint, end: bigint, avoid: boolean): bigint | null {
    return this.runs.firstFree(start, end, avoid);
  }
  runCount(): number {
    return this.runs.runCount();
  }
  get size(): number {
    return this.values.size;
  }
}

test('skips runs of used addresses and buggy .0/.255 addresses', () => {
  const u = new Used('ipv4');
  const base = 0x0a000000n; // 10.0.0.0
  for (let i = 1n; i <= 254n; i++) u.add(base + i);
  assert.equal(u.firstFree(base, base + 511n, false), base);
  // .0 and .255 skipped, so the first usable is 10.0.1.1.
  assert.equal(u.firstFree(base, base + 511n, true), base + 257n);
  assert.equal(u.firstFree(base + 1n, base + 254n, false), null);
  assert.equal(u.runCount(), 1);
});

test('keeps runs merged and split as addresses come and go', () => {
  const u = new Used('ipv4');
  u.add(5n);
  assert.equal(u.firstFree(0n, 10n, false), 0n); // builds the runs
  u.add(7n);
  u.add(6n);
  assert.equal(u.runCount(), 1);
  u.delete(6n);
  assert.equal(u.runCount(), 2);
  assert.equal(u.firstFree(5n, 10n, false), 6n);
  u.delete(5n);
  u.delete(7n);
  assert.equal(u.runCount(), 0);
  assert.equal(u.size, 0);
});

test('finds a free address in an IPv6 /48 without walking it', () => {
  const u = new Used('ipv6');
  const start = 0xfd000000000000000000000000000000n;
  const end = start + (1n << 80n) - 1n;
  // A walk over 2^80 addresses would never finish; the runs make this one binary search.
  for (let i = 0n; i < 1000n; i++) u.add(start + i);
  assert.equal(u.firstFree(start, end, false), start + 1000n);
});

test('matches a brute-force walk on small ranges', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ add: fc.boolean(), v: fc.integer({ min: 0, max: 600 }) }), { maxLength: 200 }),
      fc.integer({ min: 0, max: 600 }),
      fc.integer({ min: 0, max: 100 }),
      fc.boolean(),
      fc.integer({ min: 0, max: 199 }),
      (ops, start, len, avoid, buildAt) => {
        const u = new Used('ipv4');
        const ref = new Set<number>();
        ops.forEach((op, i) => {
          if (i === buildAt) u.firstFree(0n, 0n, false); // switch to incremental upkeep part-way
          if (op.add) {
            u.add(BigInt(op.v));
            ref.add(op.v);
          } else {
            u.delete(BigInt(op.v));
            ref.delete(op.v);
          }
        });
        let expected: bigint | null = null;
        for (let x = start; x <= start + len; x++) {
          if (avoid && isBuggyIp('ipv4', BigInt(x))) continue;
          if (!ref.has(x)) {
            expected = BigInt(x);
            break;
          }
        }
        assert.equal(u.firstFree(BigInt(start), BigInt(start + len), avoid), expected);
        assert.equal(u.size, ref.size);
      },
    ),
    { numRuns: 500 },
  );
});
