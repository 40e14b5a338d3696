// The fleet's PromQL and the mapping of a store's answers (a recorded federation response) to one report per cluster.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fleetForecastInputs, fleetReports, type FleetResults } from '../../../src/core/fleet/fleet-report.ts';
import { readFleet } from '../../../src/core/fleet/fleet-overview.ts';
import { fleetQueries, serviceAddressQuery } from '../../../src/core/fleet/queries.ts';
import { toJson } from '../../../src/core/report/json.ts';

const T = 1_796_300_000;
const v = (metric: Record<string, string>, value: string) => ({ metric, value: [T, value] as [number, string] });

/** What a central Prometheus answered for two clusters (east: a /24 and a /64; west: an exhausted pool, and a pending service). */
const recorded: FleetResults = {
  clusters: [v({ cluster: 'east' }, '1'), v({ cluster: 'west' }, '1'), v({ cluster: 'idle' }, '1')],
  total: [
    v({ cluster: 'east', pool: 'web', family: 'ipv4' }, '254'),
    v({ cluster: 'east', pool: 'v6', family: 'ipv6' }, '18446744073709551616'),
    v({ cluster: 'west', pool: 'tiny', family: 'ipv4' }, '4'),
  ],
  inUse: [
    v({ cluster: 'east', pool: 'web', family: 'ipv4' }, '2'),
    v({ cluster: 'east', pool: 'v6', family: 'ipv6' }, '1'),
    v({ cluster: 'west', pool: 'tiny', family: 'ipv4' }, '4'),
  ],
  info: [
    v({ cluster: 'east', pool: 'web', namespace: 'metallb-system', auto_assign: 'true', avoid_buggy_ips: 'true' }, '1'),
    v({ cluster: 'east', pool: 'v6', namespace: 'metallb-system', auto_assign: 'false', avoid_buggy_ips: 'false' }, '1'),
    v({ cluster: 'west', pool: 'tiny', namespace: 'metallb-system', auto_assign: 'true', avoid_buggy_ips: 'false' }, '1'),
  ],
  services: [v({ cluster: 'east', pool: 'web' }, '2'), v({ cluster: 'west', pool: 'tiny' }, '4')],
  namespaces: [v({ cluster: 'east', pool: 'web', namespace: 'shop', family: 'ipv4' }, '2')],
  pending: [v({ cluster: 'west', namespace: 'team-a', service: 'late', reason: 'pool-exhausted' }, '1')],
  findings: [v({ cluster: 'west', code: 'pool-exhausted', severity: 'error' }, '1'), v({ cluster: 'west', code: 'service-pending', severity: 'warning' }, '2')],
};

test('the queries keep one series per cluster and key, from poolwatch\'s own names', () => {
  const q = fleetQueries();
  assert.equal(q.total, 'max by (cluster, pool, family) (poolwatch_pool_addresses)');
  assert.equal(q.clusters, 'count by (cluster) (poolwatch_build_info)');
  assert.equal(fleetQueries('we"st').inUse, 'max by (cluster, pool, family) (poolwatch_pool_addresses_in_use{cluster="we\\"st"})');
  assert.equal(serviceAddressQuery('east'), 'max by (cluster, namespace, service, pool, ip) (poolwatch_service_address_info{cluster="east"})');
});

test('a recorded store answer becomes one exact report per cluster', () => {
  const clusters = fleetReports(recorded, '2026-12-03T10:00:00Z');
  assert.deepEqual(clusters.map((c) => c.name), ['east', 'idle', 'west']);
  const east = toJson(clusters[0]!.report);
  assert.deepEqual(east.pools.map((p) => p.name), ['v6', 'web']);
  assert.deepEqual(east.pools[0]!.ipv6, { total: '18446744073709551616', inUse: '1', available: '18446744073709551615', utilization: 5.421e-20 });
  assert.equal(east.pools[0]!.autoAssign, false);
  assert.equal(east.pools[1]!.avoidBuggyIPs, true);
  assert.deepEqual(east.pools[1]!.namespaces, { shop: { ipv4: '2', ipv6: '0' } });
  assert.deepEqual(clusters[1]!.report.pools, []);
  const west = toJson(clusters[2]!.report);
  assert.deepEqual(west.summary, { pools: 1, services: { allocated: 0, pending: 1, ignored: 0 }, findings: { error: 1, warning: 2, info: 0 } });
  assert.equal(west.services[0]!.reason!.code, 'pool-exhausted');
  assert.equal(west.pools[0]!.ipv4!.available, '0');
});

test('forecast inputs: a series delivered twice is read once (the one with more samples), clusters kept apart', () => {
  const series = (cluster: string, n: number, instance: string) => ({ metric: { cluster, pool: 'web', family: 'ipv4', instance }, values: Array.from({ length: n }, (_, i) => [T - 60 * (n - i), String(10 + i)] as [number, string]) });
  const inputs = fleetForecastInputs([series('east', 5, 'a'), series('east', 8, 'b'), series('west', 3, 'a')], [v({ cluster: 'east', pool: 'web', family: 'ipv4' }, '254'), v({ cluster: 'west', pool: 'web', family: 'ipv4' }, '20')]);
  assert.equal(inputs.get('east')![0]!.samples.length, 8);
  assert.equal(inputs.get('east')![0]!.inUse, 17n);
  assert.equal(inputs.get('west')![0]!.total, 20n);
  const fleet = readFleet(recorded, [series('east', 8, 'b')], T, 21600);
  assert.deepEqual(fleet.clusters.map((c) => c.forecasts.length), [1, 0, 0]);
});
