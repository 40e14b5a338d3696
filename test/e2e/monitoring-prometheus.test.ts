// The generated rules loaded by a real Prometheus scraping poolwatch: every rule evaluates cleanly and the right alerts start.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/core/generate/config.ts';
import { RECORDED } from '../../src/core/generate/metric-names.ts';
import { waitFor } from '../support/processes.ts';
import { startPrometheus } from '../support/prometheus.ts';
import { repoRoot, startServe } from '../support/serve.ts';
import { tempDir, writeRuleFile } from '../support/monitoring-bundle.ts';

// What poolwatch serves for a cluster with a nearly full IPv4 pool and a dual-stack pool whose IPv4 half is full.
const EXPOSITION = `# TYPE poolwatch_pool_addresses gauge
poolwatch_pool_addresses{pool="web",family="ipv4"} 256
poolwatch_pool_addresses{pool="dual",family="ipv4"} 16
poolwatch_pool_addresses{pool="dual",family="ipv6"} 1.8446744073709552e+19
# TYPE poolwatch_pool_addresses_in_use gauge
poolwatch_pool_addresses_in_use{pool="web",family="ipv4"} 250
poolwatch_pool_addresses_in_use{pool="dual",family="ipv4"} 16
poolwatch_pool_addresses_in_use{pool="dual",family="ipv6"} 3
# TYPE poolwatch_pool_addresses_available gauge
poolwatch_pool_addresses_available{pool="web",family="ipv4"} 6
poolwatch_pool_addresses_available{pool="dual",family="ipv4"} 0
poolwatch_pool_addresses_available{pool="dual",family="ipv6"} 1.8446744073709552e+19
# TYPE poolwatch_service_pending gauge
poolwatch_service_pending{namespace="shop",service="api",reason="pool-exhausted"} 1
# TYPE poolwatch_source_up gauge
poolwatch_source_up 1
`;

test('a real Prometheus evaluates every generated rule without error, with the expected values', async () => {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(EXPOSITION);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const rules = writeRuleFile(tempDir('prometheus-rules'), 'poolwatch-rules.yaml', DEFAULT_CONFIG);
  const prom = await startPrometheus({
    config: [
      'global: { scrape_interval: 1s, evaluation_interval: 1s }',
      `rule_files: ['${rules}']`,
      'scrape_configs:',
      `  - job_name: poolwatch`,
      `    static_configs: [{ targets: ['127.0.0.1:${port}'] }]`,
      '',
    ].join('\n'),
  });
  try {
    type RuleState = { name: string; health: string; lastError?: string; type: string };
    const groups = await waitFor('every rule group to be evaluated twice', async () => {
      const body = (await (await fetch(`${prom.url}/api/v1/rules`)).json()) as { data: { groups: Array<{ name: string; lastEvaluation: string; rules: RuleState[] }> } };
      const evaluated = body.data.groups.every((g) => g.rules.every((r) => r.health !== 'unknown'));
      const ready = (await prom.query(RECORDED.poolUtilization)).length === 3;
      return evaluated && ready && body.data.groups.length > 0 ? body.data.groups : undefined;
    });
    const rules = groups.flatMap((g) => g.rules);
    assert.equal(rules.length, 29);
    for (const rule of rules) assert.equal(rule.health, 'ok', `${rule.name}: ${rule.lastError}`);

    const utilization = await prom.query(`${RECORDED.poolUtilization}{pool="web"}`);
    assert.equal(Number(utilization[0]!.value[1]), 250 / 256);
    const cluster = await prom.query(`${RECORDED.clusterUtilization}{family="ipv4"}`);
    assert.equal(Number(cluster[0]!.value[1]), 266 / 272);

    // Alerts with a `for` are pending after the first evaluations. Until the first scrape lands, rule groups may
    // run on no data (MetalLBPoolwatchAbsent is briefly pending then), so wait for the set to settle.
    const expected = [
      'MetalLBPoolExhausted dual ipv4',
      'MetalLBPoolNearlyExhausted dual ipv4',
      'MetalLBPoolNearlyExhausted web ipv4',
      'MetalLBPoolUtilizationHigh dual ipv4',
      'MetalLBPoolUtilizationHigh web ipv4',
      'MetalLBServicePending',
    ];
    const describe = (active: Awaited<ReturnType<typeof prom.query>>) =>
      active.map((a) => `${a.metric['alertname']} ${a.metric['pool'] ?? ''} ${a.metric['family'] ?? ''}`.trim()).sort();
    let alerts = await prom.query('ALERTS');
    await waitFor('the pending alerts to settle', async () => {
      alerts = await prom.query('ALERTS');
      return JSON.stringify(describe(alerts)) === JSON.stringify(expected) ? true : undefined;
    }).catch(() => undefined);
    assert.deepEqual(describe(alerts), expected);
    const pending = alerts.find((a) => a.metric['alertname'] === 'MetalLBServicePending')!;
    assert.deepEqual(
      { ...pending.metric },
      { __name__: 'ALERTS', alertname: 'MetalLBServicePending', alertstate: 'pending', severity: 'warning', job: 'poolwatch', instance: `127.0.0.1:${port}`, namespace: 'shop', service: 'api', reason: 'pool-exhausted' },
    );
  } finally {
    await prom.stop();
    server.close();
  }
});

test('against a real poolwatch serve: the alerts for an exhausted pool, a pending service, overlaps and a stray address', async () => {
  const serve = await startServe([join(repoRoot, 'test/fixtures/exhausted-pool'), join(repoRoot, 'test/fixtures/overlapping-pools')]);
  const rules = writeRuleFile(tempDir('prometheus-serve'), 'poolwatch-rules.yaml', DEFAULT_CONFIG);
  const prom = await startPrometheus({
    config: [
      'global: { scrape_interval: 1s, evaluation_interval: 1s }',
      `rule_files: ['${rules}']`,
      'scrape_configs:',
      '  - job_name: poolwatch',
      `    static_configs: [{ targets: ['127.0.0.1:${serve.port}'] }]`,
      '',
    ].join('\n'),
  });
  try {
    const expected = [
      'MetalLBAddressOutsidePools',
      'MetalLBPoolExhausted tiny ipv4',
      'MetalLBPoolNearlyExhausted tiny ipv4',
      'MetalLBPoolOverlap a b',
      'MetalLBPoolOverlap b a',
      'MetalLBPoolUtilizationHigh busy ipv4',
      'MetalLBPoolUtilizationHigh tiny ipv4',
      'MetalLBServicePending late pool-exhausted',
    ];
    const describe = (active: Awaited<ReturnType<typeof prom.query>>) =>
      active
        .map((a) => [a.metric['alertname'], a.metric['pool'], a.metric['family'], a.metric['other_pool'], a.metric['service'], a.metric['reason']].filter(Boolean).join(' '))
        .sort();
    // Until the first scrape lands rule groups may run on no data, so wait for the set of alerts to settle.
    let alerts = await prom.query('ALERTS');
    await waitFor('the alerts to settle', async () => {
      alerts = await prom.query('ALERTS');
      return JSON.stringify(describe(alerts)) === JSON.stringify(expected) ? true : undefined;
    }).catch(() => undefined);
    assert.deepEqual(describe(alerts), expected);
    const body = (await (await fetch(`${prom.url}/api/v1/rules`)).json()) as { data: { groups: Array<{ rules: Array<{ name: string; health: string; lastError?: string }> }> } };
    for (const rule of body.data.groups.flatMap((g) => g.rules)) assert.equal(rule.health, 'ok', `${rule.name}: ${rule.lastError}`);
  } finally {
    await prom.stop();
    await serve.stop();
  }
});
