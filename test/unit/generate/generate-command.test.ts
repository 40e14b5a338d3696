// `poolwatch generate` run in-process: output to stdout or a folder, exit codes for bad kinds and configs.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import { runCli } from '../../../src/cli/run.ts';
import type { CliIO } from '../../../src/cli/io.ts';
import { tempDir } from '../../support/monitoring-bundle.ts';

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
    cwd,
    readStdin: async () => '',
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

describe('poolwatch generate', () => {
  const dir = tempDir('generate');

  test('dashboards without --out prints the dashboard JSON alone', async () => {
    const result = await run(['generate', 'dashboards'], dir);
    assert.equal(result.code, 0, result.stderr);
    const dashboard = JSON.parse(result.stdout) as { uid: string; templating: { list: Array<{ name: string }> } };
    assert.equal(dashboard.uid, 'poolwatch-metallb');
    assert.deepEqual(dashboard.templating.list.map((v) => v.name), ['datasource', 'cluster', 'pool']);
  });

  test('rules without --out prints a YAML stream, one file per document group', async () => {
    const result = await run(['generate', 'rules'], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual([...result.stdout.matchAll(/^# file: (.+)$/gm)].map((m) => m[1]), [
      'prometheus/poolwatch-rules.yaml',
      'prometheus-operator/prometheusrule.yaml',
      'alertmanager/alertmanager-example.yaml',
    ]);
    const docs = parseAllDocuments(result.stdout);
    assert.ok(!(docs instanceof Array && docs.some((d) => d.errors.length > 0)), 'stream does not parse');
  });

  test('all --out DIR writes every file', async () => {
    const out = join(dir, 'bundle');
    const result = await run(['generate', 'all', '--out', out], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `wrote 8 files to ${out}\n`);
    const rules = parse(readFileSync(join(out, 'prometheus', 'poolwatch-rules.yaml'), 'utf8')) as { groups: Array<{ name: string }> };
    assert.equal(rules.groups[0]!.name, 'metallb-pool-ratios');
    JSON.parse(readFileSync(join(out, 'grafana', 'poolwatch-metallb.json'), 'utf8'));
  });

  test('--config changes the output', async () => {
    const config = join(dir, 'monitoring.yaml');
    writeFileSync(
      config,
      'selectors:\n  controller: job="c"\n  speaker: job="s"\n  frrK8s: job="f"\n  poolwatch: job="pw", env="prod"\n  kubeStateMetrics: job="k"\nexcludePools: [static]\n',
    );
    const result = await run(['generate', 'rules', '--config', 'monitoring.yaml'], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /poolwatch_pool_addresses_in_use\{job="pw", env="prod", pool!~"static"\}/);
  });

  test('an unknown kind is a usage error (exit 2)', async () => {
    const result = await run(['generate', 'alerts'], dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /value 'alerts' is invalid for argument 'kind'/);
  });

  test('a bad config is exit 2 with file:line:col and no stack trace', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'selectors:\n  controller: job="c"\n');
    const result = await run(['generate', 'all', '--config', 'bad.yaml'], dir);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, 'poolwatch: bad.yaml:2:3: selectors: selectors.speaker is required (no default: it depends on how you scrape)\n');
  });

  test('scrape configs need a job matcher in each selector', async () => {
    writeFileSync(join(dir, 'nojob.yaml'), 'selectors:\n  controller: app="metallb"\n  speaker: job="s"\n  frrK8s: job="f"\n  poolwatch: job="pw"\n  kubeStateMetrics: job="k"\n');
    const result = await run(['generate', 'scrape', '--config', 'nojob.yaml'], dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^poolwatch: selectors\.controller: generated scrape configs need a job="\.\.\." matcher/);
    const rules = await run(['generate', 'rules', '--config', 'nojob.yaml'], dir);
    assert.equal(rules.code, 0, rules.stderr);
  });
});
