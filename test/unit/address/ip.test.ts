// Unit tests for IP parsing and canonical formatting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatIp, parseIp } from '../../../src/core/address/index.ts';

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
