// Hostile and unusual manifest paths: special files, huge inputs, symbolic links, unreadable folders, odd encodings; each gets a plain answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { chmodSync, closeSync, cpSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/cli.ts';
import { startServe } from '../support/serve.ts';

const BIN = join(repoRoot, 'bin', 'poolwatch.js');

/** Runs the real process; a hang is killed after a minute (and then fails on its exit status). */
function run(args: string[], options: { input?: string | Buffer; uid?: number } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: repoRoot, env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' }, encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 26, ...options });
  assert.doesNotMatch(r.stderr ?? '', /^\s+at /m, 'no stack trace');
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** A folder holding the basic-ipv4 fixture (one pool, a few services), open to every user. */
function fixtureDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-files-'));
  chmodSync(dir, 0o755);
  cpSync(join(repoRoot, 'test', 'fixtures', 'basic-ipv4'), join(dir, 'm'), { recursive: true });
  return dir;
}

test('a FIFO named *.yaml is skipped with one notice by status and lint; named alone it is exit 2, not a hang', () => {
  const dir = fixtureDir();
  execFileSync('mkfifo', [join(dir, 'm', 'pipe.yaml')]);
  for (const command of ['status', 'lint']) {
    const r = run([command, join(dir, 'm')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, command === 'status' ? /^default +IPv4/m : /finding/);
    assert.equal(r.stderr, `poolwatch: skipped ${join(dir, 'm', 'pipe.yaml')}: not a regular file\n`);
  }
  const alone = run(['status', join(dir, 'm', 'pipe.yaml')]);
  assert.equal(alone.code, 2);
  assert.match(alone.stderr, /skipped .*pipe\.yaml: not a regular file\npoolwatch: nothing to read/);
});

test('serve --source manifests listens beside a FIFO and stops on SIGTERM', async () => {
  const dir = fixtureDir();
  execFileSync('mkfifo', [join(dir, 'm', 'pipe.yaml')]);
  const serve = await startServe([join(dir, 'm')]);
  try {
    assert.equal((await serve.get('/readyz')).status, 200);
    assert.match(serve.process.output(), /skipped .*pipe\.yaml: not a regular file/);
  } finally {
    await serve.stop();
  }
});

test('device files are skipped: status /dev/zero is exit 2 at once', () => {
  const r = run(['status', '/dev/zero']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'poolwatch: skipped /dev/zero: not a regular file\npoolwatch: nothing to read: /dev/zero held no regular file\n');
});

test('input is bounded per file and in total: one line and exit 2 before it is parsed', () => {
  const dir = fixtureDir();
  // A 100 MB file (sparse: no disk needed) is past the default bound of 64 MiB.
  const huge = join(dir, 'huge.yaml');
  const fd = openSync(huge, 'w');
  ftruncateSync(fd, 100_000_000);
  closeSync(fd);
  const r = run(['status', huge]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `poolwatch: ${huge} is larger than the input bound of 64 MiB (raise it with --max-input-size)\n`);
  // A long one-line YAML string, on stdin and in a file, against a smaller bound.
  const line = `x: ${'a'.repeat(3_000_000)}\n`;
  writeFileSync(join(dir, 'line.yaml'), line);
  const stdin = run(['lint', '--max-input-size', '2MiB', '-'], { input: line });
  assert.equal(stdin.code, 2);
  assert.equal(stdin.stderr, 'poolwatch: - is larger than the input bound of 2 MiB (raise it with --max-input-size)\n');
  const yaml = run(['status', '--max-input-size', '16MB', join(dir, 'line.yaml')]);
  assert.equal(yaml.code, 2);
  assert.match(yaml.stderr, /line\.yaml is YAML, which costs the parser about a hundred times its size in memory; YAML is bounded at 1\/16 of the input bound of 15\.3 MiB/);
  // Each YAML document costs the parser as much as a small file, even an empty one.
  writeFileSync(join(dir, 'documents.yaml'), '---\n'.repeat(10_001));
  const documents = run(['status', join(dir, 'documents.yaml')]);
  assert.equal(documents.code, 2);
  assert.match(documents.stderr, /documents\.yaml holds more than 10,000 YAML documents: split it/);
  // Two files each under the bound, together over it: the second is named.
  const json = join(repoRoot, 'test', 'fixtures', 'kubectl-list', 'cluster.json');
  cpSync(json, join(dir, 'second.json'));
  const total = run(['status', '--max-input-size', String(Math.ceil(statSync(json).size * 1.5)), json, join(dir, 'second.json')]);
  assert.equal(total.code, 2);
  assert.match(total.stderr, /^poolwatch: reading .*second\.json takes the input past the input bound of /);
  assert.equal(run(['status', '--max-input-size', 'lots', join(dir, 'm')]).code, 2);
});

test('symbolic links to folders are followed once; a *.yaml link to a folder is read as that folder; a dead link is a notice', () => {
  const dir = fixtureDir();
  symlinkSync(join(dir, 'm'), join(dir, 'linked'));
  const direct = run(['status', join(dir, 'm')]);
  const viaLink = run(['status', join(dir, 'linked')]);
  assert.equal(viaLink.code, direct.code);
  // The same report, but for the folder's name (and so the width of the location column).
  const same = (out: string, from?: string) => (from ? out.replaceAll(from, join(dir, 'm')) : out).replace(/ +/g, ' ');
  assert.equal(same(viaLink.stdout, join(dir, 'linked')), same(direct.stdout), 'a linked folder reads like the folder');
  const top = mkdtempSync(join(tmpdir(), 'poolwatch-links-'));
  symlinkSync(join(dir, 'm'), join(top, 'team.yaml')); // a folder link named like a manifest
  mkdirSync(join(top, 'sub'));
  symlinkSync(top, join(top, 'sub', 'loop')); // a loop
  symlinkSync(join(top, 'nowhere'), join(top, 'dead.yaml'));
  const r = run(['status', top]);
  assert.equal(r.code, direct.code, r.stderr);
  assert.equal(same(r.stdout, join(top, 'team.yaml')), same(direct.stdout));
  assert.equal(r.stderr, `poolwatch: skipped ${join(top, 'dead.yaml')}: a symbolic link that leads nowhere\npoolwatch: skipped ${join(top, 'sub', 'loop')}: a link to a folder already read\n`);  // lint -o json carries the same notices in its document, beside what standard error says.
  const json = run(['lint', '-o', 'json', top]);
  assert.equal(json.stderr, r.stderr);
  assert.deepEqual((JSON.parse(json.stdout) as { notices: string[] }).notices, [`skipped ${join(top, 'dead.yaml')}: a symbolic link that leads nowhere`, `skipped ${join(top, 'sub', 'loop')}: a link to a folder already read`]);
  assert.deepEqual((JSON.parse(run(['lint', '-o', 'json', join(dir, 'm')]).stdout) as { notices: string[] }).notices, []);
});

test('an unreadable subfolder is one plain message, not an internal error', (t) => {
  const dir = fixtureDir();
  const locked = join(dir, 'm', 'locked');
  mkdirSync(locked);
  chmodSync(locked, 0o000);
  // Root reads every folder: run as nobody then.
  const asRoot = process.getuid?.() === 0;
  if (asRoot && spawnSync('true', { uid: 65534 }).error) return t.skip('cannot switch to an unprivileged user here');
  const r = run(['status', join(dir, 'm')], asRoot ? { uid: 65534 } : {});
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `poolwatch: cannot read the folder: permission denied: poolwatch may not open ${locked}\n`);
});

test('invalid UTF-8 is read, and said once with where it first is', () => {
  const dir = fixtureDir();
  const file = join(dir, 'latin1.yaml');
  writeFileSync(file, Buffer.concat([Buffer.from('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
  const r = run(['status', join(dir, 'm'), file]);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, `poolwatch: ${file}:4:12: bytes that are not valid UTF-8, read as U+FFFD (save the file as UTF-8)\n`);
});
