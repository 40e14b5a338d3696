// Reading a Prometheus-compatible store ends when serve stops: a query the store is slow to answer is abandoned, not waited for until its timeout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PrometheusHistory } from '../../../src/sources/history-provider.ts';
import { PrometheusFleet } from '../../../src/sources/prometheus-fleet.ts';
import { waitFor } from '../../support/processes.ts';
import { silentStore } from '../../support/silent-store.ts';

const settled = (p: Promise<unknown>) => p.then(() => 'answered', (err: unknown) => (err instanceof Error ? err.message : String(err)));

for (const [what, read] of [
  ['forecasts of --prometheus-url history', (url: string, signal: AbortSignal) => new PrometheusHistory({ url, lookbackSeconds: 3600, signal }).forecasts()],
  ['a chart of --prometheus-url history', (url: string, signal: AbortSignal) => new PrometheusHistory({ url, lookbackSeconds: 3600, signal }).range('web', 'ipv4', 0, 3600)],
  ['the overview of --source prometheus', (url: string, signal: AbortSignal) => new PrometheusFleet({ url, lookbackSeconds: 3600, signal }).overview()],
] as const) {
  test(`stopping ends ${what} at once, while the store still holds the queries`, async () => {
    const store = await silentStore();
    const stopping = new AbortController();
    try {
      const outcome = settled(read(store.url, stopping.signal));
      await waitFor('the queries held', async () => (store.waiting() >= 1 ? true : undefined));
      stopping.abort();
      // Stopped, not timed out: the answer says so.
      assert.match(await outcome, /stopped/);
      await waitFor('the queries abandoned by the client', async () => (store.abandoned() === store.waiting() ? true : undefined));
    } finally {
      await store.stop();
    }
  });
}
