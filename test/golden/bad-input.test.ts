// Every kind of bad input: one line naming where and what, the documented exit code, never a stack trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { assertGolden } from '../support/golden.ts';
import { repoRoot, runInProcess } from '../support/cli.ts';

const dir = 'test/fixtures/bad-input';
const goldenDir = join(repoRoot, 'test/golden/bad-input');

// case -> [status exit code, lint exit code]
const cases: Record<string, [number, number]> = {
  'empty.yaml': [2, 2],
  'binary.yaml': [2, 2],
  'syntax-error.yaml': [2, 2],
  'wrong-types.yaml': [2, 2],
  'bad-address.yaml': [0, 1],
  'mixed.yaml': [0, 1],
  'no-manifests': [2, 2],
  'missing.yaml': [2, 2],
  'tab-indent.yaml': [2, 2],
  'tab-in-value.yaml': [0, 0],
  'deep-nesting.yaml': [2, 2],
  'deep-nesting.json': [2, 2],
  'collection-key.yaml': [0, 1],
};

for (const [name, [statusCode, lintCode]] of Object.entries(cases)) {
  test(`bad input ${name}: status`, async () => {
    const r = await runInProcess(['status', `${dir}/${name}`]);
    assert.equal(r.code, statusCode);
    if (statusCode === 2) {
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.split('\n').length, 2, 'exactly one line');
      assert.doesNotMatch(r.stderr, /\bat .*\.ts:\d+/, 'no stack trace');
    }
    assertGolden(join(goldenDir, `${name}.status.txt`), r.stdout + r.stderr);
  });
  test(`bad input ${name}: lint`, async () => {
    const r = await runInProcess(['lint', `${dir}/${name}`]);
    assert.equal(r.code, lintCode);
    assert.doesNotMatch(r.stderr, /\bat .*\.ts:\d+/, 'no stack trace');
    assertGolden(join(goldenDir, `${name}.lint.txt`), r.stdout + r.stderr);
  });
}

test('a tab in indentation is one message naming every line with a tab, whatever the parser misread after it', async () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports:\n\t  - port: 80\n\t    name: x\n';
  const r = await runInProcess(['lint', '-'], { stdin: text });
  assert.equal(r.stdout.split('\n')[0], '-:7:1: error invalid-manifest: YAML: a tab is used as indentation (lines 7, 8); YAML indents with spaces only');
  assert.match(r.stdout, /^1 finding: /m);
});

test('nesting too deep for the parser is one located message in every document it happens in; the others are read', async () => {
  const deep = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d, namespace: x}\ndata: {x: ${'['.repeat(8000)}${']'.repeat(8000)}}\n`;
  const ns = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: kept}\n';
  const r = await runInProcess(['status', '-o', 'json', '-'], { stdin: `${ns}---\n${deep}---\n${deep}` });
  const json = JSON.parse(r.stdout) as { findings: Array<{ code: string; message: string; location: string }> };
  const deepOnes = json.findings.filter((f) => f.code === 'invalid-manifest');
  assert.deepEqual(deepOnes.map((f) => [f.location, f.message]), ['-:5:1', '-:10:1'].map((at) => [at, 'YAML: nested too deeply to read (lists or mappings inside each other hundreds of levels deep)']));
  assert.doesNotMatch(r.stdout + r.stderr, /call stack/i);
});

test('valid objects beside invalid ones are still analysed', async () => {
  const r = await runInProcess(['status', '-o', 'json', `${dir}/mixed.yaml`]);
  const json = JSON.parse(r.stdout) as { pools: Array<{ name: string; ipv4: { inUse: string } }>; findings: Array<{ code: string }> };
  assert.deepEqual(json.pools.map((p) => [p.name, p.ipv4.inUse]), [['good', '1']]);
  assert.equal(json.findings.filter((f) => f.code === 'invalid-manifest').length, 6);
});

test('status with no path and no kube configuration is a one-line usage error', async () => {
  const r = await runInProcess(['status']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^poolwatch: no Kubernetes configuration found: set KUBECONFIG, pass --kubeconfig, or run inside a cluster/);
  assert.equal(r.stderr.split('\n').length, 2);
});

test('an unknown output format is a usage error', async () => {
  const r = await runInProcess(['lint', '-o', 'yaml', `${dir}/mixed.yaml`]);
  assert.equal(r.code, 2);
});

test('stdin is read for -', async () => {
  const stdin = 'apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata: {name: p}\nspec:\n  addresses: [10.1.0.0/30, 10.1.0.1/33]\n';
  const r = await runInProcess(['lint', '-', '--fail-on', 'error'], { stdin });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^-:5:28: error invalid-address: pool "p": invalid address "10.1.0.1\/33"/m);
});
