// Loaded into every test process by scripts/run-tests.mjs: gives each test a time limit, so a test that hangs fails with its name instead of holding the run.
import { createRequire, syncBuiltinESMExports } from 'node:module';

/**
 * Node 20's `--test-timeout` bounds each test file as a whole and names only the file (from Node 22 it
 * bounds each test). So each test gets the limit as its own `timeout` option, unless it sets one: the
 * test is cancelled (its `t.signal` aborted) when it passes, the report names it, and the file's other
 * tests still run. Subtests (t.test) inherit the limit from their test. One cost: the `location` of a
 * failure in the report is this file's (Node takes it from the caller of test()); the stack of a failed
 * assertion still names the test's line.
 */
const limitMs = Number(process.env['POOLWATCH_TEST_TIMEOUT_MS'] || 600_000);

type TestFn = ((...args: unknown[]) => unknown) & { skip?: unknown; todo?: unknown; only?: unknown };

function limited(original: TestFn): TestFn {
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    const name = typeof args[0] === 'string' ? args.shift() : undefined;
    const options = typeof args[0] === 'object' && args[0] !== null ? (args.shift() as object) : {};
    return original.call(this, name, { timeout: limitMs, ...options }, ...args);
  };
  // test.skip, test.todo and test.only keep their own behaviour.
  return Object.assign(wrapped, { skip: original.skip, todo: original.todo, only: original.only });
}

// The CommonJS exports of a builtin module are what its ES module bindings are updated from.
const nodeTest = createRequire(import.meta.url)('node:test') as Record<'test' | 'it', TestFn>;
nodeTest.test = limited(nodeTest.test);
nodeTest.it = limited(nodeTest.it);
syncBuiltinESMExports();
