// Every command that reads YAML, run as a real process: the YAML library never writes to stderr (a collection as a mapping key, an unknown tag); each problem is poolwatch's own located finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/cli.ts';
import { startServe } from '../support/serve.ts';

const BIN = join(repoRoot, 'bin', 'poolwatch.js');

/** The legacy ConfigMap whose embedded config has a list as a key (line 4 of it) and a tag no schema knows. */
const LEGACY = `apiVersion: v1
kind: ConfigMap
metadata:
  name: config
  namespace: metallb-system
data:
  config: |
    address-pools:
    - name: legacy
      protocol: !mine layer2
      ? [x, y]
      : 1
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {type: LoadBalancer, ports: [{port: 80}]}
`;

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-yaml-'));
  copyFileSync(join(repoRoot, 'test/fixtures/bad-input/collection-key.yaml'), join(dir, 'pools.yaml'));
  writeFileSync(join(dir, 'legacy.yaml'), LEGACY);
  writeFileSync(join(dir, 'service.yaml'), SERVICE);
  return dir;
}

function run(args: string[], cwd = repoRoot) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

test('status, lint, simulate and explain print nothing on stderr for collection keys, in files and in the legacy ConfigMap', () => {
  const dir = folder();
  try {
    for (const args of [['status'], ['lint'], ['simulate'], ['explain', 'shop/web']]) {
      const r = run([...args, dir]);
      assert.equal(r.stderr, '', `${args[0]}: no library warning on stderr`);
      assert.ok(r.code === 0 || r.code === 1, `${args[0]} exit ${r.code}`);
    }
    const lint = run(['lint', '-o', 'json', dir]);
    const findings = (JSON.parse(lint.stdout) as { findings: Array<{ code: string; message: string; location: string }> }).findings;
    const yaml = findings.filter((f) => f.message.includes('YAML: ')).map((f) => `${f.location.slice(dir.length + 1)} ${f.message}`);
    assert.deepEqual(yaml, [
      'legacy.yaml:7:11 data.config line 4, column 5: YAML: the mapping key [x, y] is a list; keys must be text (as in JSON), so this document is not read',
      'pools.yaml:10:5 YAML: the mapping key [a, b] is a list; keys must be text (as in JSON), so this document is not read',
      'pools.yaml:12:5 YAML: the mapping key {zone: east} is a mapping; keys must be text (as in JSON), so this document is not read',
    ]);
    const status = JSON.parse(run(['status', '-o', 'json', dir]).stdout) as { pools: Array<{ name: string }> };
    assert.deepEqual(status.pools.map((p) => p.name), ['kept'], 'the other documents are read');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('serve --source manifests prints no library warning for a collection key', async () => {
  const dir = folder();
  const serve = await startServe(['--source', 'manifests', dir]);
  try {
    const status = JSON.parse((await serve.get('/api/v1/status')).text) as { findings: Array<{ message: string }> };
    assert.ok(status.findings.some((f) => f.message.includes('the mapping key [a, b] is a list')));
    assert.doesNotMatch(serve.process.output(), /\(node:\d+\)|Warning: Keys with collection values/);
  } finally {
    await serve.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('generate --config with a collection key is one located line, nothing else on stderr', () => {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-yaml-'));
  try {
    writeFileSync(join(dir, 'monitoring.yaml'), 'selectors:\n  ? [speaker]\n  : x\n');
    const r = run(['generate', 'rules', '--config', 'monitoring.yaml'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `poolwatch: monitoring.yaml:2:5: YAML: the mapping key [speaker] is a list; keys must be text (as in JSON), so this document is not read\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('invalid UTF-8 inside the embedded config is the top level\'s notice, at the byte itself; the config is still read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-yaml-'));
  try {
    const head = LEGACY.slice(0, LEGACY.indexOf('    - name: legacy'));
    const text = Buffer.concat([Buffer.from(`${head}    - name: caf`), Buffer.from([0xff]), Buffer.from('\n      protocol: layer2\n      addresses: [10.0.0.0/30]\n')]);
    writeFileSync(join(dir, 'legacy.yaml'), text);
    const r = run(['status', '-o', 'json', 'legacy.yaml'], dir);
    assert.equal(r.stderr, 'poolwatch: legacy.yaml:9:16: bytes that are not valid UTF-8, read as U+FFFD (save the file as UTF-8)\n');
    assert.deepEqual((JSON.parse(r.stdout) as { pools: Array<{ name: string }> }).pools.map((p) => p.name), ['caf\ufffd']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
