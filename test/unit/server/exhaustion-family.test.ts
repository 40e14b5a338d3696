// The exhaustion metric family: one series per filling pool family, none for flat, exhausted or too-young ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { poolExhaustionTimestampSeconds } from '../../../src/core/metrics/families/pool-exhaustion-timestamp-seconds.ts';
import type { Forecast } from '../../../src/core/forecast/index.ts';
import type { ScrapeContext } from '../../../src/core/metrics/family.ts';

function forecast(pool: string, state: Forecast['state'], exhaustsAt: number | null): Forecast {
  return { pool, family: 'ipv4', inUse: 1n, total: 10n, state, trendPerDay: 1, exhaustsAt, samples: 10, spanSeconds: 3600, lookbackSeconds: 21600, hint: null };
}

test('only filling pools get an exhaustion timestamp, rounded to seconds', () => {
  const ctx = { forecasts: [forecast('a', 'filling', 1_800_000_000.6), forecast('b', 'not-filling', null), forecast('c', 'exhausted', null), forecast('d', 'insufficient-history', null)] } as unknown as ScrapeContext;
  assert.deepEqual([...poolExhaustionTimestampSeconds.samples!(ctx)], [[{ pool: 'a', family: 'ipv4' }, 1_800_000_001]]);
  assert.deepEqual([...poolExhaustionTimestampSeconds.samples!({} as ScrapeContext)], []);
});
