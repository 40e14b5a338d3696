// Benchmark: simulate 10,000 new services against 1,000 pools holding 100,000 allocated services.
import type { Bench } from './bench.ts';
import { peakRssMb, timed } from './bench.ts';
import { performance } from 'node:perf_hooks';
import { syntheticCluster } from './synthetic-cluster.ts';
import { simulate } from '../src/core/allocator/index.ts';
import { addToSnapshot, decodeObject } from '../src/core/model/kinds/decode-object.ts';
import { emptySnapshot, type ClusterSnapshot } from '../src/core/model/snapshot.ts';
import type { Service } from '../src/core/model/types.ts';

/** 10,000 services not applied yet: plain IPv4, PreferDualStack, shared pairs, requested addresses and named pools. */
function newServices(count: number, pools: number): Service[] {
  const out: Service[] = [];
  for (let i = 0; i < count; i++) {
    const annotations: Record<string, string> = {};
    let policy: Service['ipFamilyPolicy'] = null;
    if (i % 5 === 1) policy = 'PreferDualStack';
    if (i % 10 === 2) annotations['metallb.io/allow-shared-ip'] = `new-share-${Math.floor(i / 20)}`;
    if (i % 50 === 3) annotations['metallb.io/address-pool'] = `pool-${(i * 7) % pools}`;
    // A requested address near the top of a pool's /22, where the generator allocates nothing.
    if (i % 100 === 4) annotations['metallb.io/loadBalancerIPs'] = `10.${((i % pools) * 4) >> 8}.${(((i % pools) * 4) & 255) + 3}.${200 + (i % 50)}`;
    out.push({
      namespace: `new-${i % 50}`,
      name: `new-svc-${i}`,
      uid: null,
      creationTimestamp: null,
      labels: {},
      annotations,
      type: 'LoadBalancer',
      loadBalancerClass: null,
      clusterIPs: [],
      ipFamilies: [],
      ipFamilyPolicy: policy,
      externalTrafficPolicy: 'Cluster',
      selector: { app: `new-${i}` },
      ports: [{ name: null, protocol: i % 2 ? 'UDP' : 'TCP', port: 1000 + (i % 20) }],
      loadBalancerIP: null,
      ingressIPs: [],
      location: null,
    });
  }
  return out;
}

/** Best wall time of `runs`, with the CPU time (all threads, so GC included) of that run: on a busy machine CPU time is the steadier figure. */
function bestWithCpu(runs: number, fn: () => unknown): { wall: number; cpu: number } {
  let best = { wall: Infinity, cpu: Infinity };
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (wall < best.wall) best = { wall, cpu: (c.user + c.system) / 1000 };
  }
  return best;
}

const bench: Bench = {
  name: 'simulate',
  async run() {
    const cluster = syntheticCluster({ pools: 1000, services: 100_000, pendingRatio: 0 });
    // Decoded as API objects (no text, no locations): parsing is the analysis bench's subject, not this one's.
    const base = emptySnapshot();
    for (const item of cluster.list.items) addToSnapshot(base, decodeObject(item));
    const fresh = newServices(10_000, 1000);
    const snapshot: ClusterSnapshot = { ...base, services: [...base.services, ...fresh] };
    // One run to check the outcome (and warm up), then the best of three.
    const { result } = await timed(() => simulate(snapshot));
    const kept = result.services.filter((s) => s.state === 'allocated' && !s.simulated).length;
    const assigned = result.services.filter((s) => s.simulated).length;
    const pending = result.services.filter((s) => s.state === 'pending').length;
    if (kept + result.services.filter((s) => s.stale).length !== 100_000) throw new Error(`expected 100,000 existing allocations, kept ${kept}`);
    if (assigned + pending !== 10_000) throw new Error(`expected 10,000 new services, got ${assigned} assigned and ${pending} pending`);
    const full = bestWithCpu(3, () => simulate(snapshot));
    const restoreOnly: ClusterSnapshot = { ...base };
    const restore = bestWithCpu(3, () => simulate(restoreOnly));
    return [
      {
        name: `simulate: 10,000 new services, 1,000 pools, 100,000 allocated (${assigned} assigned, ${pending} pending)`,
        value: full.wall,
        unit: 'ms',
        target: '<= 2000 ms',
        ok: full.wall <= 2000,
      },
      { name: 'simulate: the same, CPU time of this process', value: full.cpu, unit: 'ms' },
      { name: 'simulate: restoring the 100,000 allocations alone', value: restore.wall, unit: 'ms' },
      { name: 'simulate: peak RSS (includes decoding the 110,000 objects)', value: peakRssMb(), unit: 'MB' },
    ];
  },
};
export default bench;
