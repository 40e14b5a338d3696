// Done-when of the announcement alerts: a real Prometheus scraping `poolwatch serve` on the announcement fixture, and MetalLB's own
// series from a loopback stand-in, raises exactly the alerts that fixture calls for, each with its subject.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { fastRulesConfig, tempDir, writeRuleFile } from '../support/monitoring-bundle.ts';
import { activeAlerts, ruleHealth, settled, startPrometheus, type ActiveAlert } from '../support/prometheus.ts';
import { repoRoot, startServe } from '../support/serve.ts';

// What MetalLB's speakers would export for the fixture (test/fixtures/announcement): web on node-a, api in BGP from both
// nodes, dup claimed by both (a split memberlist); quiet and dark are announced by nobody.
const SPEAKER = `# TYPE metallb_speaker_announced gauge
metallb_speaker_announced{service="shop/web",protocol="layer2",node="node-a",ip="192.168.50.1"} 1
metallb_speaker_announced{service="shop/dup",protocol="layer2",node="node-a",ip="192.168.50.2"} 1
metallb_speaker_announced{service="shop/dup",protocol="layer2",node="node-b",ip="192.168.50.2"} 1
metallb_speaker_announced{service="shop/api",protocol="bgp",node="node-a",ip="10.60.0.1"} 1
metallb_speaker_announced{service="shop/api",protocol="bgp",node="node-b",ip="10.60.0.1"} 1
`;
// frr-k8s on node-a as MetalLB's kustomize files expose it: frrk8s_* renamed to metallb_*; the session with 10.0.0.2 is down.
const FRR_K8S = `# TYPE metallb_bgp_session_up gauge
metallb_bgp_session_up{peer="10.0.0.1",vrf="default"} 1
metallb_bgp_session_up{peer="10.0.0.2",vrf="default"} 0
`;

/** One line per firing alert: its name and the labels that name its subject. */
function describe(alerts: ActiveAlert[]): string[] {
  return alerts
    .filter((a) => a.state === 'firing')
    .map((a) => {
      const l = a.labels;
      const service = l['service'] ? `${l['namespace']}/${l['service']}` : undefined;
      return [l['alertname'], l['job'], service, l['ip'], l['component'], l['node'], l['peer'], l['reason']].filter(Boolean).join(' ');
    })
    .sort();
}

test('a real Prometheus raises exactly the announcement alerts the fixture calls for', async () => {
  const serve = await startServe([join(repoRoot, 'test/fixtures/announcement')]);
  const metallb = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(req.url === '/frr-k8s' ? FRR_K8S : SPEAKER);
  });
  await new Promise<void>((resolve) => metallb.listen(0, '127.0.0.1', resolve));
  const metallbPort = (metallb.address() as AddressInfo).port;
  const rules = writeRuleFile(tempDir('prometheus-announcement'), 'poolwatch-rules.yaml', fastRulesConfig());
  const prom = await startPrometheus({
    config: [
      'global: { scrape_interval: 1s, evaluation_interval: 1s }',
      `rule_files: ['${rules}']`,
      'scrape_configs:',
      '  - job_name: poolwatch',
      `    static_configs: [{ targets: ['127.0.0.1:${serve.port}'] }]`,
      '  - job_name: metallb-speaker',
      `    static_configs: [{ targets: ['127.0.0.1:${metallbPort}'] }]`,
      '  - job_name: frr-k8s',
      '    metrics_path: /frr-k8s',
      `    static_configs: [{ targets: ['127.0.0.1:${metallbPort}'] }]`,
      '',
    ].join('\n'),
  });
  try {
    const expected = [
      'MetalLBAddressNotAnnounced poolwatch ops/quiet 192.168.50.3',
      'MetalLBAddressNotAnnounced poolwatch shop/dark 192.168.70.1',
      'MetalLBBGPPeerDownWithServices poolwatch node-a 10.0.0.2',
      'MetalLBBGPSessionDown frr-k8s 10.0.0.2',
      'MetalLBConfigurationInvalid poolwatch speaker-node-c',
      'MetalLBLayer2MultipleAnnouncers poolwatch shop/dup',
      // Not an announcement alert, but the fixture's pending service: listed so that the set is complete.
      'MetalLBServicePending poolwatch shop/queue requested-ip-not-in-pool',
    ];
    const alerts = await settled(() => activeAlerts(prom.url), describe, expected, 60_000);
    assert.deepEqual(describe(alerts), expected);
    const down = alerts.find((a) => a.labels['alertname'] === 'MetalLBBGPPeerDownWithServices')!;
    assert.match(down.annotations['description']!, /node node-a with peer 10\.0\.0\.2 \(VRF default\) is not Established: the services advertised over it \(1\) lose this path/);
    for (const rule of await ruleHealth(prom.url)) assert.equal(rule.health, 'ok', `${rule.name}: ${rule.lastError}`);
  } finally {
    await prom.stop();
    await serve.stop();
    metallb.close();
  }
});
