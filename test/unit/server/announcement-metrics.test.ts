// The announcement metric families on the announcement fixture, analysed for real: values, --no-service-metrics, promtool, golden text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { snapshotFromTexts } from '../../../src/core/manifest/snapshot.ts';
import type { ScrapeContext } from '../../../src/core/metrics/family.ts';
import { analyze } from '../../../src/core/pipeline/analyze.ts';
import { MetricsExporter } from '../../../src/server/metrics/exporter.ts';
import { assertGolden } from '../../support/golden.ts';
import { repoRoot } from '../../support/cli.ts';

const FIXTURE = join(repoRoot, 'test/fixtures/announcement');

function context(): ScrapeContext {
  const texts = readdirSync(FIXTURE).sort().map((f) => ({ file: f, text: readFileSync(join(FIXTURE, f), 'utf8') }));
  const report = analyze(snapshotFromTexts(texts), { now: new Date('2026-12-01T00:00:00Z') });
  return {
    report,
    health: { source: 'manifests', up: true, ready: true, lastSyncMs: 1_764_547_200_000, restarts: {}, notes: [] },
    counters: { eventsApplied: new Map(), allocationFailures: new Map() },
    build: { version: '0.1.0', nodeVersion: 'v20.0.0' },
  };
}

const ANNOUNCEMENT_FAMILIES = /^poolwatch_(service_announced|service_announcement_state|metallb_config_valid|bgp_session_established|bgp_session_services)[{ ]/;
const announcementLines = (text: string) => text.split('\n').filter((l) => ANNOUNCEMENT_FAMILIES.test(l));

test('announcement families: nodes, states, configuration validity and BGP sessions of the fixture', async () => {
  const text = await new MetricsExporter({ compat: false, serviceMetrics: true, processMetrics: false }).render(context());
  assert.deepEqual(announcementLines(text), [
    'poolwatch_service_announced{namespace="shop",service="api",protocol="bgp",node="node-a"} 1',
    'poolwatch_service_announced{namespace="shop",service="api",protocol="bgp",node="node-b"} 1',
    'poolwatch_service_announced{namespace="shop",service="dup",protocol="layer2",node="node-a"} 1',
    'poolwatch_service_announced{namespace="shop",service="dup",protocol="layer2",node="node-b"} 1',
    'poolwatch_service_announced{namespace="shop",service="web",protocol="layer2",node="node-a"} 1',
    'poolwatch_service_announcement_state{namespace="ops",service="quiet",state="not-announced"} 1',
    'poolwatch_service_announcement_state{namespace="shop",service="api",state="partly"} 1',
    'poolwatch_service_announcement_state{namespace="shop",service="dark",state="not-announced"} 1',
    'poolwatch_service_announcement_state{namespace="shop",service="dup",state="announced"} 1',
    'poolwatch_service_announcement_state{namespace="shop",service="web",state="announced"} 1',
    'poolwatch_metallb_config_valid{component="controller"} 1',
    'poolwatch_metallb_config_valid{component="speaker-node-c"} 0',
    'poolwatch_bgp_session_established{node="node-a",peer="10.0.0.1",vrf="default"} 1',
    'poolwatch_bgp_session_established{node="node-a",peer="10.0.0.2",vrf="default"} 0',
    'poolwatch_bgp_session_established{node="node-b",peer="10.0.0.1",vrf="default"} 1',
    'poolwatch_bgp_session_established{node="node-b",peer="10.0.0.2",vrf="default"} 1',
    'poolwatch_bgp_session_services{node="node-a",peer="10.0.0.1",vrf="default"} 1',
    'poolwatch_bgp_session_services{node="node-a",peer="10.0.0.2",vrf="default"} 1',
    'poolwatch_bgp_session_services{node="node-b",peer="10.0.0.1",vrf="default"} 1',
    'poolwatch_bgp_session_services{node="node-b",peer="10.0.0.2",vrf="default"} 1',
  ]);
  assertGolden(join(repoRoot, 'test/golden/metrics/announcement.prom'), text);
  const check = spawnSync('/usr/bin/promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);
});

test('--no-service-metrics drops the per-service announcement families, keeps configuration and sessions', async () => {
  const text = await new MetricsExporter({ compat: false, serviceMetrics: false, processMetrics: false }).render(context());
  const lines = announcementLines(text);
  assert.ok(lines.length > 0);
  assert.deepEqual(lines.filter((l) => l.startsWith('poolwatch_service_')), []);
  assert.equal(lines.filter((l) => l.startsWith('poolwatch_metallb_config_valid')).length, 2);
  assert.equal(lines.filter((l) => l.startsWith('poolwatch_bgp_session_')).length, 8);
});
