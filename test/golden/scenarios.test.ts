// Golden status table, status JSON and lint text for every fixture scenario, run in-process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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
  'legacy-configmap': 1,
  'kubectl-list': 0,
  announcement: 1,
  'simulate-gitops': 0,
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

test('the README and docs/cli.md show the real status, lint and explain output', async () => {
  const examples: Array<[string[], string[]]> = [
    [['status', 'test/fixtures/exhausted-pool'], ['README.md', 'docs/cli.md']],
    [['status', 'test/fixtures/dual-stack'], ['docs/cli.md']],
    [['lint', 'test/fixtures/overlapping-pools'], ['README.md', 'docs/cli.md']],
    [['explain', 'shop/api', 'test/fixtures/announcement'], ['docs/cli.md']],
  ];
  for (const [argv, docs] of examples) {
    const r = await runInProcess(argv);
    for (const doc of docs) {
      const text = readFileSync(join(repoRoot, doc), 'utf8');
      const start = text.indexOf(`$ poolwatch ${argv.join(' ')}\n`);
      assert.ok(start >= 0, `${doc} shows poolwatch ${argv.join(' ')}`);
      const body = text.slice(start).split('\n').slice(1).join('\n');
      assert.equal(body.slice(0, body.indexOf('```')), r.stdout, `${doc} is out of date: paste the output of poolwatch ${argv.join(' ')}`);
    }
  }
});
