// System errors read as one plain sentence naming the path or address, whichever wrapper they come in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { PoolwatchError } from '../../../src/core/errors.ts';
import { systemErrorText } from '../../../src/core/system-error.ts';

test('real file system errors: missing file, a directory read as a file', async () => {
  const missing = await readFile('/nonexistent/poolwatch-file').catch((e: unknown) => e);
  assert.equal(systemErrorText(missing, '/nonexistent/poolwatch-file'), '/nonexistent/poolwatch-file does not exist');
  const dir = await readFile('/').catch((e: unknown) => e);
  assert.equal(systemErrorText(dir, '/'), '/ is a directory, not a file');
});

test('a port in use, and a refused connection seen through fetch', async () => {
  const first = createServer();
  await new Promise<void>((resolve) => first.listen(0, '127.0.0.1', resolve));
  const port = (first.address() as { port: number }).port;
  try {
    const second = createServer();
    const inUse = await new Promise<unknown>((resolve) => second.once('error', resolve).listen(port, '127.0.0.1'));
    assert.equal(systemErrorText(inUse, `127.0.0.1:${port}`), `127.0.0.1:${port} is already in use by another program`);
  } finally {
    await new Promise((resolve) => first.close(resolve));
  }
  // Nothing listens there any more: fetch says only "fetch failed", its cause has the code.
  const refused = await fetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
  assert.equal((refused as Error).message, 'fetch failed');
  assert.equal(systemErrorText(refused, `http://127.0.0.1:${port}`), `nothing is listening at http://127.0.0.1:${port} (connection refused)`);
});

test('codes by name, and an error without a code keeps its first line', () => {
  const withCode = (code: string) => Object.assign(new Error(`${code} something`), { code });
  assert.equal(systemErrorText(withCode('EACCES'), 'f'), 'permission denied: poolwatch may not open f');
  assert.equal(systemErrorText(withCode('EADDRNOTAVAIL'), '10.9.9.9:80'), '10.9.9.9:80 is not an address of this machine');
  assert.equal(systemErrorText(withCode('ENOTFOUND'), 'http://x.invalid'), 'the host name of http://x.invalid is not known (DNS lookup failed)');
  assert.equal(systemErrorText(new Error('odd\nsecond line'), 'f'), 'f: odd');
});

test('a message that names its location already is not prefixed with it again', () => {
  assert.equal(new PoolwatchError('unreadable-input', 'cannot read the token file: /t does not exist', { location: '/t' }).oneLine(), 'cannot read the token file: /t does not exist');
  assert.equal(new PoolwatchError('invalid-manifest', 'bad', { location: 'x.yaml:1:2' }).oneLine(), 'x.yaml:1:2: bad');
});
