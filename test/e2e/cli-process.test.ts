// The real entry point as a subprocess: bin/poolwatch.js prints the same status as the in-process run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../support/cli.ts';

test('bin/poolwatch.js status and lint run as a process with the documented exit codes', () => {
  const env = { ...process.env, NO_COLOR: '1' };
  const status = spawnSync(process.execPath, [join(repoRoot, 'bin/poolwatch.js'), 'status', 'test/fixtures/basic-ipv4'], { cwd: repoRoot, env, encoding: 'utf8', timeout: 30_000 });
  assert.equal(status.status, 0, status.stderr);
  assert.match(status.stdout, /^POOL +FAMILY +USED\/TOTAL/);
  assert.match(status.stdout, /default +IPv4 +3\/256 +1\.2% +253 +\[#\.{9}\]/);
  assert.ok(!status.stdout.includes('\u001b['), 'no colour when not a terminal');
  const lint = spawnSync(process.execPath, [join(repoRoot, 'bin/poolwatch.js'), 'lint', 'test/fixtures/overlapping-pools'], { cwd: repoRoot, env, encoding: 'utf8', timeout: 30_000 });
  assert.equal(lint.status, 1);
  assert.match(lint.stdout, /^test\/fixtures\/overlapping-pools\/pools\.yaml:18:7: error pool-overlap: /m);
  const missing = spawnSync(process.execPath, [join(repoRoot, 'bin/poolwatch.js'), 'lint', 'no/such/dir'], { cwd: repoRoot, env, encoding: 'utf8', timeout: 30_000 });
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, 'poolwatch: no/such/dir does not exist\n');
});
