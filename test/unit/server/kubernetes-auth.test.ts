// kubernetesAuth: resource attributes in the SubjectAccessReview, decisions cached for a bounded time and number, API failures never cached.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubernetesAuth, parseResourceAttributes, type KubePost } from '../../../src/server/auth/kubernetes-auth.ts';

function fakeApi(allowed: (spec: Record<string, unknown>) => boolean) {
  const posts: Array<{ path: string; spec: Record<string, unknown> }> = [];
  let failing = false;
  const post: KubePost = async (path, body) => {
    if (failing) throw new Error('connect ECONNREFUSED');
    const spec = (body as { spec: Record<string, unknown> }).spec;
    posts.push({ path, spec });
    if (path.endsWith('/tokenreviews')) return { status: { authenticated: spec['token'] !== 'bad', user: { username: `user-of-${String(spec['token'])}` } } };
    return { status: { allowed: allowed(spec) } };
  };
  return { post, posts, fail: (on: boolean) => (failing = on) };
}

test('--auth-resource asks for get on that resource, whatever the path', async () => {
  const api = fakeApi(() => true);
  const auth = kubernetesAuth({ post: api.post, attributes: parseResourceAttributes('resource=services,subresource=proxy,namespace=poolwatch,name=poolwatch') });
  assert.deepEqual(await auth.check({ token: 't', path: '/metrics' }), { allowed: true, user: 'user-of-t' });
  assert.deepEqual(api.posts[1]!.spec['resourceAttributes'], { group: '', resource: 'services', subresource: 'proxy', namespace: 'poolwatch', name: 'poolwatch', verb: 'get' });
  assert.equal(api.posts[1]!.spec['nonResourceAttributes'], undefined);
  // One decision for every path, since the question does not depend on it.
  await auth.check({ token: 't', path: '/api/v1/pools' });
  assert.equal(api.posts.length, 2);
});

test('a denial names the user and what they lack; decisions expire; failures are 503 and not kept', async () => {
  let clock = 0;
  let allow = false;
  const api = fakeApi(() => allow);
  const auth = kubernetesAuth({ post: api.post, attributes: { nonResourcePath: '/metrics' }, cacheSeconds: 10, now: () => clock });
  assert.deepEqual(await auth.check({ token: 't', path: '/x' }), { allowed: false, status: 403, code: 'forbidden', message: 'user "user-of-t" may not get /metrics' });
  allow = true;
  assert.equal((await auth.check({ token: 't', path: '/x' })).allowed, false, 'the denial is reused within the cache time');
  clock = 10_001;
  assert.equal((await auth.check({ token: 't', path: '/x' })).allowed, true, 'and asked again after it');
  api.fail(true);
  const down = await auth.check({ token: 'other', path: '/x' });
  assert.deepEqual(down, { allowed: false, status: 503, code: 'auth-unavailable', message: 'cannot check the token with the Kubernetes API server: connect ECONNREFUSED' });
  api.fail(false);
  assert.equal((await auth.check({ token: 'other', path: '/x' })).allowed, true, 'a failure is not remembered');
  assert.equal((await auth.check({ token: 'bad', path: '/x' })).allowed, false);
});

test('the decision cache holds at most cacheSize tokens', async () => {
  const api = fakeApi(() => true);
  const auth = kubernetesAuth({ post: api.post, attributes: { nonResourcePath: null }, cacheSize: 2 });
  for (const t of ['a', 'b', 'c']) await auth.check({ token: t, path: '/metrics' });
  const asked = api.posts.length;
  await auth.check({ token: 'c', path: '/metrics' });
  assert.equal(api.posts.length, asked, 'the newest is kept');
  await auth.check({ token: 'a', path: '/metrics' });
  assert.equal(api.posts.length, asked + 2, 'the oldest was dropped');
});

test('--auth-resource text that is not key=value pairs of known keys is a usage error', () => {
  assert.throws(() => parseResourceAttributes('services'), /expected key=value pairs with keys group, version, resource, subresource, namespace, name/);
  assert.throws(() => parseResourceAttributes('verb=delete,resource=services'), /expected key=value pairs/);
  assert.throws(() => parseResourceAttributes('namespace=x'), /names no resource=/);
});
