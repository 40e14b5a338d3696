// `serve` prints one banner for every source, with the address it really listens on; `npm start` binds to loopback only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { urlsBanner } from '../../src/cli/serve-web.ts';
import { repoRoot, startServe } from '../support/serve.ts';
import { waitFor } from '../support/processes.ts';

for (const [args, what] of [
  [['--source', 'lab'], 'the embedded lab (a simulated cluster)'],
  [['test/fixtures/basic-ipv4'], 'the manifests in test/fixtures/basic-ipv4'],
  // Nothing listens on port 9 of the loopback: the first read fails at once and serve listens anyway.
  [['--source', 'prometheus', '--prometheus-url', 'http://127.0.0.1:9'], 'every cluster in the store at http://127.0.0.1:9'],
] as const) {
  test(`serve ${args.join(' ')} prints the banner with its real address`, async () => {
    const serve = await startServe([...args]);
    try {
      const out = await waitFor('the banner', async () => (serve.process.output().includes('JSON API:') ? serve.process.output() : undefined));
      assert.ok(out.includes(`  poolwatch is serving ${what}\n  listening: 127.0.0.1:${serve.port}\n  web page:  http://127.0.0.1:${serve.port}/\n`), out);
    } finally {
      await serve.stop();
    }
  });
}

test('on a wildcard address the banner says so and links to localhost; IPv6 is bracketed', () => {
  const any = urlsBanner('your cluster', { address: '::', family: 'IPv6', port: 9742 }, true);
  assert.match(any, / {2}listening: \[::\]:9742 \(every interface\)\n {2}web page: {2}https:\/\/localhost:9742\/\n/);
  const v6 = urlsBanner('your cluster', { address: '::1', family: 'IPv6', port: 80 }, false);
  assert.match(v6, / {2}listening: \[::1\]:80\n {2}web page: {2}http:\/\/\[::1\]:80\/\n {2}metrics: {3}http:\/\/\[::1\]:80\/metrics\n/);
});

test('npm start listens on 127.0.0.1 unless told otherwise', () => {
  const scripts = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts as Record<string, string>;
  assert.equal(scripts['start'], 'node bin/poolwatch.js serve --source lab --listen 127.0.0.1:9742');
});
