// Unit tests for IP parsing and canonical formatting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalIpv4, formatIp, parseIp, readIp } from '../../../src/core/address/index.ts';

test('parses and formats IPv4', () => {
  assert.deepEqual(parseIp('10.0.0.7'), { family: 'ipv4', value: 0x0a000007n });
  assert.equal(formatIp('ipv4', 0x0a000007n), '10.0.0.7');
});

test('parses and formats IPv6 canonically', () => {
  const ip = parseIp('FD00:0010:0:0:0:0:0:1');
  assert.equal(ip.family, 'ipv6');
  assert.equal(formatIp(ip.family, ip.value), 'fd00:10::1');
  assert.equal(formatIp('ipv6', parseIp('::ffff:1.2.3.4').value), '::ffff:102:304');
  assert.equal(formatIp('ipv6', 0n), '::');
  assert.equal(formatIp('ipv6', parseIp('1:0:0:1:0:0:0:1').value), '1:0:0:1::1');
});

test('rejects malformed addresses with a reason', () => {
  for (const text of ['', '10.0.0', '10.0.0.256', '010.0.0.1', '1::2::3', 'fd00::g', '1:2:3:4:5:6:7:8:9']) {
    assert.throws(() => parseIp(text), /invalid IP address/, text);
  }
});

test('canonicalIpv4 gives the value exactly when the text is how formatIp writes an IPv4 address', () => {
  const octet = fc.oneof(fc.integer({ min: 0, max: 255 }).map(String), fc.constantFrom('00', '01', '256', '999', '1000', '', 'a', ' 1', '1 '));
  const text = fc.oneof(
    fc.integer({ min: 0, max: 2 ** 32 - 1 }).map((v) => formatIp('ipv4', BigInt(v))),
    fc.array(octet, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('.')),
    fc.string({ maxLength: 16 }),
    fc.constantFrom('::1', '10.0.0.1.', '.10.0.0.1', '10..0.1', ' 10.0.0.1', '10.0.0.1\n', '::ffff:10.0.0.1'),
  );
  fc.assert(
    fc.property(text, (t) => {
      const ip = readIp(t);
      const canonical = ip.ok && ip.family === 'ipv4' && formatIp('ipv4', ip.value) === t;
      assert.equal(canonicalIpv4(t), canonical ? Number(ip.value) : -1, JSON.stringify(t));
    }),
    { numRuns: 3000 },
  );
});

test("readIp's canonical text is formatIp's, from the fast and the careful IPv6 path alike, and the input itself exactly when it is canonical", () => {
  const group = fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((g) => g.toString(16)), fc.constantFrom('0', '00', '0000', 'FFFF', 'abcd', 'g', ''));
  const words = fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 });
  const text = fc.oneof(
    words.map((w) => formatIp('ipv6', w.reduce((v, g) => (v << 16n) | BigInt(g), 0n))),
    fc.array(group, { minLength: 1, maxLength: 9 }).map((gs) => gs.join(':')),
    fc.tuple(fc.array(group, { maxLength: 4 }), fc.array(group, { maxLength: 4 })).map(([a, b]) => `${a.join(':')}::${b.join(':')}`),
    fc.constantFrom('::', '::1', '1::', '::ffff:1.2.3.4', ' ::1', 'fd00::1 ', 'FD00::1', 'fd00:0::1', '1:0:0:1:0:0:0:1', '1::1:0:0:0:1', '10.0.0.1', '1::2::3', 'fe80::1%eth0'),
  );
  fc.assert(
    fc.property(text, (t) => {
      const ip = readIp(t);
      if (!ip.ok) {
        assert.throws(() => parseIp(t), { message: ip.error.message }, 'the throwing wrapper throws the same error');
        return;
      }
      assert.equal(ip.text, formatIp(ip.family, ip.value), JSON.stringify(t));
      assert.deepEqual(parseIp(t), { family: ip.family, value: ip.value });
      // Canonical input comes back as it was written.
      if (ip.family === 'ipv6' && formatIp('ipv6', parseIp(ip.text).value) === t) assert.equal(ip.text, t);
    }),
    { numRuns: 3000 },
  );
});

test('readIp never throws: a text that is not an address gives why, and an invalid-address error located where the caller says', () => {
  const r = readIp('10.0.0.256', 'pools.yaml:3:7');
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.why, '256 is larger than 255');
  assert.equal(r.error.code, 'invalid-address');
  assert.equal(r.error.message, 'invalid IP address "10.0.0.256": 256 is larger than 255');
  assert.equal(r.error.context.location, 'pools.yaml:3:7');
  fc.assert(fc.property(fc.string({ maxLength: 45 }), (t) => {
    const read = readIp(t);
    assert.equal(typeof read.ok, 'boolean');
  }), { numRuns: 2000 });
});

test('an IPv4 address that does not parse says which octet is wrong and how', () => {
  const cases: [string, string][] = [
    ['', 'empty'],
    ['10.0.0.', '"" is not a decimal octet'],
    ['10..0.1', '"" is not a decimal octet'],
    ['10.0a.0.1', '"0a" is not a decimal octet'],
    ['10.0.0.1x', '"1x" is not a decimal octet'],
    ['10.0.0.1.x', '"x" is not a decimal octet'],
    ['010.0.0.1', '"010" is not a decimal octet'],
    ['10.0001.0.1', '"0001" is not a decimal octet'],
    ['10.256.0.1', '256 is larger than 255'],
    ['10.1000.0.1', '1000 is larger than 255'],
    ['10.0.0', 'an IPv4 address has four dotted parts'],
    ['10.0.0.1.2', 'an IPv4 address has four dotted parts'],
    ['10.0.0.1.2.x', 'an IPv4 address has four dotted parts'],
  ];
  for (const [text, why] of cases) assert.throws(() => parseIp(text), { message: `invalid IP address "${text}": ${why}` }, text);
});
