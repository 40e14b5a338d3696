// The Alertmanager example's inhibit rules in a real Alertmanager: a BGP session down pages once (MetalLBBGPSessionDown), its MetalLBBGPPeerDownWithServices is inhibited, also for an IPv6 peer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, stringify } from 'yaml';
import { generateBundle } from '../../src/core/generate/bundle.ts';
import { DEFAULT_CONFIG } from '../../src/core/generate/config.ts';
import { bgpSessionLabels } from '../../src/core/metrics/bgp-session-labels.ts';
import { renderBundleFile } from '../../src/cli/render/bundle-files.ts';
import { startAlertmanager } from '../support/alertmanager.ts';
import { waitFor } from '../support/processes.ts';

/** The example's inhibit rules, with one receiver that notifies nobody (the example's webhooks go nowhere here). */
function exampleInhibitConfig(): string {
  const example = generateBundle(DEFAULT_CONFIG, 'all').find((f) => f.path === 'alertmanager/alertmanager-example.yaml')!;
  const { inhibit_rules } = parse(renderBundleFile(example)) as { inhibit_rules: unknown[] };
  return stringify({ route: { receiver: 'null', group_wait: '1s' }, receivers: [{ name: 'null' }], inhibit_rules });
}

interface AmAlert {
  labels: Record<string, string>;
  status: { state: string; inhibitedBy: string[] };
}

test('MetalLBBGPSessionDown inhibits MetalLBBGPPeerDownWithServices of the same IPv6 session, and only of that one', async () => {
  const am = await startAlertmanager({ config: exampleInhibitConfig(), lifetimeMs: 60_000 });
  try {
    // What poolwatch writes for the sessions frr-k8s's BGPSessionStates name fd00-0000-...-0002 in the default VRF.
    const dashed = 'fd00-0000-0000-0000-0000-0000-0000-0002';
    const down = bgpSessionLabels({ node: 'node-a', peer: dashed, vrf: '', established: false, services: 2 });
    const other = bgpSessionLabels({ node: 'node-b', peer: dashed, vrf: '', established: false, services: 2 });
    const now = Date.now();
    const alert = (labels: Record<string, string>) => ({ labels, annotations: {}, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 600_000).toISOString() });
    const posted = await fetch(`${am.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        // frr-k8s's series as Prometheus scrapes it: peer and vrf as frr-k8s writes them, node from the scrape config.
        alert({ alertname: 'MetalLBBGPSessionDown', severity: 'critical', job: 'frr-k8s', instance: '10.0.0.7:9141', node: 'node-a', peer: 'fd00::2', vrf: 'default' }),
        alert({ alertname: 'MetalLBBGPPeerDownWithServices', severity: 'warning', job: 'poolwatch', instance: '10.1.0.2:9742', ...down }),
        alert({ alertname: 'MetalLBBGPPeerDownWithServices', severity: 'warning', job: 'poolwatch', instance: '10.1.0.2:9742', ...other }),
      ]),
    });
    assert.equal(posted.status, 200);
    const byNode = await waitFor('the three alerts', async () => {
      const alerts = (await am.alerts()) as unknown as AmAlert[];
      return alerts.length === 3 ? alerts : undefined;
    });
    const peerDown = (node: string) => byNode.find((a) => a.labels['alertname'] === 'MetalLBBGPPeerDownWithServices' && a.labels['node'] === node)!;
    assert.deepEqual([down.peer, down.vrf], ['fd00::2', 'default']);
    assert.equal(peerDown('node-a').status.state, 'suppressed', 'the same session: inhibited');
    assert.equal(peerDown('node-a').status.inhibitedBy.length, 1);
    assert.equal(peerDown('node-b').status.state, 'active', 'another node\'s session: not inhibited');
    assert.equal(byNode.find((a) => a.labels['alertname'] === 'MetalLBBGPSessionDown')!.status.state, 'active');
  } finally {
    await am.stop();
  }
});
