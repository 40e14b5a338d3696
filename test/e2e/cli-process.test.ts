// The real entry point as a subprocess: bin/poolwatch.js prints the same status as the in-process run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

test('run as kubectl-poolwatch (how kubectl starts the plugin), the help says kubectl poolwatch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-plugin-'));
  try {
    const plugin = join(dir, 'kubectl-poolwatch');
    symlinkSync(join(repoRoot, 'bin/poolwatch.js'), plugin);
    const env = { ...process.env, NO_COLOR: '1' };
    const help = spawnSync(process.execPath, [plugin, 'status', '--help'], { cwd: repoRoot, env, encoding: 'utf8', timeout: 30_000 });
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /^Usage: kubectl poolwatch status \[options\]/);
    assert.match(help.stdout, /^ {2}kubectl poolwatch status --context prod -o wide +# /m);
    assert.doesNotMatch(help.stdout, /(?<!kubectl )\bpoolwatch status/, 'every example names the plugin');
    const direct = spawnSync(process.execPath, [join(repoRoot, 'bin/poolwatch.js'), '--help'], { cwd: repoRoot, env, encoding: 'utf8', timeout: 30_000 });
    assert.match(direct.stdout, /^Usage: poolwatch \[options\] \[command\]/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('output cut short by a closed pipe ends quietly, without a stack trace', () => {
  const r = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${join(repoRoot, 'bin/poolwatch.js')}" status --help | head -1`], { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.stdout, 'Usage: poolwatch status [options] [paths...]\n');
  assert.equal(r.stderr, '');
});
