// --max-input-size: sizes with units read as bytes; anything else, units named like object members included, is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSize } from '../../../src/cli/options.ts';

test('sizes read as bytes, with decimal and binary units in any case', () => {
  assert.equal(parseSize('64MiB'), 64 * 2 ** 20);
  assert.equal(parseSize('100MB'), 100_000_000);
  assert.equal(parseSize('1G'), 1_000_000_000);
  assert.equal(parseSize('1.5 kib'), 1536);
  assert.equal(parseSize('4096'), 4096);
});

test('an unknown unit, a unit named like an object member, or less than a byte is refused with one line', () => {
  for (const text of ['lots', '5constructor', '5toString', '1__proto__', '5hasOwnProperty', '0.1', '0', '-5MB', '']) {
    assert.throws(
      () => parseSize(text),
      (err: Error) => err.message === `--max-input-size "${text}": expected a size such as 64MiB, 100MB or 1G`,
      text,
    );
  }
});
