// The per-test time limit that scripts/run-tests.mjs loads into every test process: a hanging test fails with its name, and the rest still run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('../../..', import.meta.url).pathname;

test('a test that never finishes fails with its name after the limit, and the tests after it run', () => {
  // Without NODE_TEST_CONTEXT the process is a test run of its own, not a file of this one.
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--import', './test/support/test-time-limit.ts', '--test', join('test', 'fixtures', 'test-runner', 'hangs.test.ts')],
    // The outer bound only keeps this test from hanging if the limit does not work.
    { cwd: root, encoding: 'utf8', env: { ...env, POOLWATCH_TEST_TIMEOUT_MS: '1000', NO_COLOR: '1' }, timeout: 120_000 },
  );
  assert.equal(r.error, undefined, `the test process hung: ${r.stdout}`);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /^not ok 2 - waits for something that never comes\n(.*\n)*? {2}error: 'test timed out after 1000ms'$/m);
  assert.match(r.stdout, /^ok 1 - finishes$/m);
  assert.match(r.stdout, /^ok 3 - runs after it$/m);
});
