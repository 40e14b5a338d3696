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
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NO_COLOR: '1' },
});
process.exit(result.status ?? 1);
