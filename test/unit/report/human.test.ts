// Percentages and bars: rounded once, half up, in one place; never 100% unless full, no cell for a vanishing share.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bar, humanPercent, shownFraction } from '../../../src/core/report/human.ts';

test('percentages round half up to one decimal (2/3 is 66.7%), capped below 100% and above 0%', () => {
  const cases: Array<[bigint, bigint, string]> = [
    [2n, 3n, '66.7%'],
    [1n, 3n, '33.3%'],
    [6n, 7n, '85.7%'],
    [1n, 4n, '25.0%'],
    [1n, 8n, '12.5%'],
    [1n, 2000n, '0.1%'],
    [1n, 2001n, '<0.1%'],
    [1n, 2n ** 64n, '<0.1%'],
    [9995n, 10000n, '99.9%'],
    [2n ** 64n - 1n, 2n ** 64n, '99.9%'],
    [4n, 4n, '100%'],
    [0n, 4n, '0%'],
    [0n, 0n, '-'],
  ];
  for (const [inUse, total, shown] of cases) assert.equal(humanPercent(inUse, total), shown, `${inUse}/${total}`);
});

test('the ten-cell bar and the drawn fraction follow the shown percentage: no cell for 1 of 2^64', () => {
  const cases: Array<[bigint, bigint, number]> = [
    [1n, 2n ** 64n, 0],
    [1n, 1000n, 1],
    [2n, 3n, 7],
    [1n, 3n, 3],
    [6n, 7n, 9],
    [99n, 100n, 9],
    [4n, 4n, 10],
    [0n, 4n, 0],
  ];
  for (const [inUse, total, cells] of cases) assert.equal(bar(inUse, total), cells, `${inUse}/${total}`);
  assert.equal(shownFraction(1n, 2n ** 64n), 0);
  assert.equal(shownFraction(2n, 3n), 0.667);
  assert.equal(shownFraction(3n, 3n), 1);
});
