// `serve --auth kubernetes` against the fake API server's TokenReview and SubjectAccessReview, and a token file rotated while serving.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeApiServer } from '../support/fake-apiserver.ts';
import { startServe, terminateWhileHeld } from '../support/serve.ts';
import { waitFor } from '../support/processes.ts';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

test('--auth kubernetes: the API server says who the token is and whether they may get the path', async () => {
  const fake = await startFakeApiServer();
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-auth-'));
  fake.addToken('prometheus-token', { username: 'system:serviceaccount:monitoring:prometheus', uid: 'u-1', groups: ['system:serviceaccounts', 'system:authenticated'] });
  fake.addToken('alice-token', { username: 'alice', groups: ['poolwatch-readers'] });
  fake.addToken('mallory-token', { username: 'mallory' });
  fake.allow('system:serviceaccount:monitoring:prometheus', '/metrics');
  fake.allow('poolwatch-readers', '/api/*');
  writeFileSync(join(dir, 'kubeconfig'), fake.kubeconfig());
  const serve = await startServe(['test/fixtures/basic-ipv4', '--auth', 'kubernetes'], { KUBECONFIG: join(dir, 'kubeconfig') });
  try {
    const none = await serve.get('/metrics');
    assert.equal(none.status, 401);
    assert.deepEqual(JSON.parse(none.text), { error: { code: 'unauthorized', message: 'a valid bearer token is required (Authorization: Bearer <token>)' } });
    assert.equal((await serve.get('/healthz')).status, 200, 'probes need no token');
    assert.equal((await serve.get('/readyz')).status, 200);

    const scrape = await serve.get('/metrics', bearer('prometheus-token'));
    assert.equal(scrape.status, 200);
    assert.match(scrape.text, /^poolwatch_pool_addresses\{pool="default",family="ipv4"\} 256$/m);
    const promApi = await serve.get('/api/v1/status', bearer('prometheus-token'));
    assert.equal(promApi.status, 403);
    assert.equal(JSON.parse(promApi.text).error.message, 'user "system:serviceaccount:monitoring:prometheus" may not get /api/v1/status (no RBAC rule allows it)');

    assert.equal((await serve.get('/api/v1/status', bearer('alice-token'))).status, 200);
    assert.equal((await serve.get('/metrics', bearer('alice-token'))).status, 403);
    assert.equal((await serve.get('/api/v1/pools', bearer('mallory-token'))).status, 403);
    const forged = await serve.get('/metrics', bearer('forged'));
    assert.equal(forged.status, 401);
    assert.equal(JSON.parse(forged.text).error.message, 'the Kubernetes API server did not accept the token: invalid bearer token');

    // What poolwatch asked: the token, then the reviewed user (with uid and groups) and the path with verb get.
    const sar = fake.reviews.find((r) => r.kind === 'SubjectAccessReview' && r.spec['user'] === 'system:serviceaccount:monitoring:prometheus');
    assert.deepEqual(sar?.spec, {
      user: 'system:serviceaccount:monitoring:prometheus',
      uid: 'u-1',
      groups: ['system:serviceaccounts', 'system:authenticated'],
      nonResourceAttributes: { path: '/metrics', verb: 'get' },
    });
    assert.deepEqual(fake.reviews.find((r) => r.kind === 'TokenReview')?.spec, { token: 'prometheus-token' });
    // A second scrape within the cache time asks the API server nothing more.
    const before = fake.reviews.length;
    assert.equal((await serve.get('/metrics', bearer('prometheus-token'))).status, 200);
    assert.equal(fake.reviews.length, before);

    // The API server gone: 503, not a pass and not a crash; known decisions stay cached.
    await fake.goDown();
    const down = await serve.get('/api/v1/pools', bearer('mallory-token-2'));
    assert.equal(down.status, 503);
    assert.equal(JSON.parse(down.text).error.code, 'auth-unavailable');
  } finally {
    await serve.stop();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--auth-token-file is read again when the file changes (rotation), keeping the last good token over an empty file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-token-'));
  const file = join(dir, 'token');
  writeFileSync(file, 'first-token\n');
  const serve = await startServe(['test/fixtures/basic-ipv4', '--auth-token-file', file]);
  try {
    assert.equal((await serve.get('/api/v1/pools', bearer('first-token'))).status, 200);
    // As a Secret volume updates: the new content appears in one atomic rename.
    writeFileSync(join(dir, 'token.new'), 'second-token\n');
    renameSync(join(dir, 'token.new'), file);
    await waitFor('the new token to be accepted', async () => ((await serve.get('/api/v1/pools', bearer('second-token'))).status === 200 ? true : undefined));
    assert.equal((await serve.get('/api/v1/pools', bearer('first-token'))).status, 401, 'the old token no longer works');
    writeFileSync(file, '');
    assert.equal((await serve.get('/api/v1/pools', bearer('second-token'))).status, 200, 'an emptied file keeps the last good token');
    await waitFor('the refusal to be logged', async () => (serve.process.output().includes('cannot be used') ? true : undefined));
    assert.match(serve.process.output(), /token file \S+ changed but cannot be used \(the token file \S+ is empty\): the previous token stays in use/);
  } finally {
    await serve.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--auth kubernetes: SIGTERM while a TokenReview is slow to answer: the review is ended at once, the request answered 503, serve exits', async () => {
  const fake = await startFakeApiServer();
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-auth-'));
  writeFileSync(join(dir, 'kubeconfig'), fake.kubeconfig());
  // TokenReviews are answered slowly until released: the client's own timeout never ends them.
  const hold = fake.holdRequests((r) => r.path === '/apis/authentication.k8s.io/v1/tokenreviews');
  const serve = await startServe(['test/fixtures/basic-ipv4', '--auth', 'kubernetes'], { KUBECONFIG: join(dir, 'kubeconfig') });
  try {
    const scrape = serve.get('/metrics', bearer('prometheus-token'));
    await waitFor('the TokenReview held', async () => (hold.waiting() === 1 ? true : undefined));
    await terminateWhileHeld(serve.process, hold, 'the TokenReview');
    // The stop ended the review itself, so the scrape in flight was answered (before, it waited out the
    // grace time of shutdown and its connection was then closed without an answer).
    const answer = await scrape;
    assert.equal(answer.status, 503);
    assert.deepEqual(JSON.parse(answer.text), { error: { code: 'auth-unavailable', message: 'cannot check the token with the Kubernetes API server: the server is shutting down' } });
  } finally {
    hold.release();
    await serve.stop();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(serve.process.child.exitCode, 0, serve.process.output());
});
