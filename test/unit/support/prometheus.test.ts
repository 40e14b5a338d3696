// Checks the real-Prometheus test helper: it starts on loopback, answers a query, and stops by PID.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startPrometheus } from '../../support/prometheus.ts';

test('starts a real Prometheus, evaluates a query and stops it', async () => {
  const prom = await startPrometheus();
  try {
    const result = await prom.query('vector(42)');
    assert.equal(result[0]?.value[1], '42');
  } finally {
    await prom.stop();
  }
  assert.throws(() => process.kill(prom.process.pid, 0));
});
