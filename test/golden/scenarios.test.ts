// Golden status table, status JSON and lint text for every fixture scenario, run in-process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { assertGolden } from '../support/golden.ts';
import { repoRoot, runInProcess } from '../support/cli.ts';

// scenario -> lint exit code expected with the default --fail-on error
const scenarios: Record<string, number> = {
  'basic-ipv4': 0,
  'dual-stack': 0,
  'shared-addresses': 1,
  'overlapping-pools': 1,
  'exhausted-pool': 1,
  'legacy-configmap': 0,
  'kubectl-list': 0,
};

const goldenDir = join(repoRoot, 'test/golden/scenarios');

for (const [scenario, lintCode] of Object.entries(scenarios)) {
  const dir = `test/fixtures/${scenario}`;
  test(`${scenario}: status table`, async () => {
    const r = await runInProcess(['status', dir]);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    assertGolden(join(goldenDir, scenario, 'status.txt'), r.stdout);
  });
  test(`${scenario}: status wide`, async () => {
    const r = await runInProcess(['status', '-o', 'wide', dir]);
    assert.equal(r.code, 0);
    assertGolden(join(goldenDir, scenario, 'status-wide.txt'), r.stdout);
  });
  test(`${scenario}: status JSON`, async () => {
    const r = await runInProcess(['status', '-o', 'json', dir]);
    assert.equal(r.code, 0);
    const parsed = JSON.parse(r.stdout) as { apiVersion: string };
    assert.equal(parsed.apiVersion, 'poolwatch/v1');
    assertGolden(join(goldenDir, scenario, 'status.json'), r.stdout);
  });
  test(`${scenario}: lint text`, async () => {
    const r = await runInProcess(['lint', dir]);
    assert.equal(r.code, lintCode);
    assertGolden(join(goldenDir, scenario, 'lint.txt'), r.stdout);
  });
}

test('lint -o json carries every finding and a summary', async () => {
  const r = await runInProcess(['lint', '-o', 'json', 'test/fixtures/overlapping-pools']);
  assert.equal(r.code, 1);
  assertGolden(join(goldenDir, 'overlapping-pools', 'lint.json'), r.stdout);
});
