#!/usr/bin/env node
// Entry point of the `poolwatch` and `kubectl-poolwatch` commands: runs the compiled CLI in dist/ (`npm run build` makes it).
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('poolwatch: the compiled code is missing (dist/cli/main.js): run `npm run build` in the poolwatch folder\n');
  process.exit(2);
}
await import(main.href);
