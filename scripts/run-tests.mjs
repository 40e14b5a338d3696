#!/usr/bin/env node
// Test runner: finds every test file (Node 20's --test does not expand globs) and runs them under tsx.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);

function collect(dir) {
  const out = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry !== 'fixtures' && entry !== 'node_modules') out.push(...collect(full));
    } else if (entry.endsWith('.test.ts')) {
      out.push(relative(root, full));
    }
  }
  return out;
}

let files = collect(join(root, 'test'));
if (filters.length > 0) files = files.filter((f) => filters.some((pattern) => f.includes(pattern)));
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(2);
}
// Time limits, so that a hang fails by name instead of holding CI: each test has one (set by the preload
// test/support/test-time-limit.ts), and each file FILE_LIMIT_MS (Node 20's --test-timeout bounds whole files),
// which also ends a file whose process never exits after its tests (a server a test left running). Both are
// far above the slowest test and file on a loaded machine (CONTRIBUTING.md).
const FILE_LIMIT_MS = 900_000;
const result = spawnSync(process.execPath, ['--import', 'tsx', '--import', './test/support/test-time-limit.ts', `--test-timeout=${FILE_LIMIT_MS}`, '--test', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NO_COLOR: '1' },
});
process.exit(result.status ?? 1);
