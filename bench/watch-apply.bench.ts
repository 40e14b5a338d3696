// Benchmark: CPU per service watch event applied in one process, from the line read to the ledger's update (no socket, no scrape in the timing).
//
// Serialised watch lines as the API server writes them go through the Service resource watcher's line handler,
// the watch source's hooks, the live store (with serve's per-event histogram) and the ledger. CPU is the
// process's user + system time (the collector's threads included), per event, median of the passes.
// POOLWATCH_BENCH_CHECKOUT=<other checkout> measures another checkout's sources, for a before/after.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KubeConfig } from '@kubernetes/client-node';
import type { Bench, BenchResult } from './bench.ts';
import type * as StoreModule from '../src/sources/cluster-store.ts';
import type * as WatchSourceModule from '../src/sources/kube/watch-source.ts';
import type * as AppModule from '../src/server/app.ts';
import { benchAppOptions } from './serve-app.ts';
import { serveBenchCluster } from './serve-cluster.ts';
import { silentLogger } from '../src/log.ts';
import { repoRoot } from '../test/support/serve.ts';

const POOLS = 20;
const SERVICES = 10_000;
const EVENTS = 20_000;
const PASSES = 7;
/** How many events come between two scrapes in the "unchanged" pass that times a scrape. */
const BETWEEN_SCRAPES = 500;

const checkout = process.env['POOLWATCH_BENCH_CHECKOUT'] ?? repoRoot;
const load = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(checkout, path)).href)) as T;

async function setUp() {
  const { ClusterStore } = await load<typeof StoreModule>('src/sources/cluster-store.ts');
  const { KubeWatchSource } = await load<typeof WatchSourceModule>('src/sources/kube/watch-source.ts');
  const { createApp } = await load<typeof AppModule>('src/server/app.ts');
  const store = new ClusterStore();
  const app = createApp(benchAppOptions(store));
  const source = new KubeWatchSource({ kc: new KubeConfig(), sink: store, logger: silentLogger });
  const watcherOf = (kind: string) => {
    const watcher = source.watchers.find((w) => w.resource.kind === kind)!;
    // The handler the watch stream calls for each line (private to the watcher; bracket access reaches it).
    return (line: string) => watcher['line'](line);
  };
  return { store, app, services: watcherOf('Service'), pools: watcherOf('IPAddressPool') };
}

/** CPU microseconds (user + system) that fn took. */
function cpuMicros(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const spent = process.cpuUsage(before);
  return spent.user + spent.system;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const bench: Bench = {
  name: 'watch-apply',
  async run() {
    const cluster = serveBenchCluster(POOLS, SERVICES);
    const { store, app, services, pools } = await setUp();
    // Lines as the API server writes them: the object with its resourceVersion, uid and creationTimestamp.
    let resourceVersion = 0;
    const line = (type: string, object: Record<string, unknown>) => {
      const o = structuredClone(object) as { metadata: Record<string, unknown> };
      o.metadata['resourceVersion'] = String(++resourceVersion);
      o.metadata['uid'] = `00000000-0000-0000-0000-${String(o.metadata['name']).padStart(12, '0')}`;
      o.metadata['creationTimestamp'] = '2026-11-21T10:00:00Z';
      return JSON.stringify({ type, object: o });
    };
    for (const p of cluster.pools) pools(line('ADDED', p));
    for (const s of cluster.services) services(line('ADDED', s));
    await app.metrics();

    /** One pass: every service to its other address and back (as watch-e2e), or every service as it is (metadata-only updates). */
    const pass = (changed: boolean) =>
      Array.from({ length: EVENTS }, (_, i) => line('MODIFIED', (changed && i < SERVICES ? cluster.moved : cluster.services)[i % SERVICES]!));
    const perEvent = (changed: boolean) => {
      const micros: number[] = [];
      for (let p = 0; p < PASSES; p++) {
        const lines = pass(changed);
        (globalThis as { gc?: () => void }).gc?.();
        micros.push(cpuMicros(() => lines.forEach(services)) / EVENTS);
      }
      return median(micros);
    };
    const changed = perEvent(true);
    const unchanged = perEvent(false);

    // A scrape after events that changed nothing: what it costs depends on whether they are taken for changes.
    const scrapes: number[] = [];
    const lines = pass(false);
    for (let start = 0; start < EVENTS; start += BETWEEN_SCRAPES) {
      lines.slice(start, start + BETWEEN_SCRAPES).forEach(services);
      const before = process.cpuUsage();
      await app.metrics();
      const spent = process.cpuUsage(before);
      scrapes.push((spent.user + spent.system) / 1000);
    }
    const applied = store.eventsApplied.get('Service');
    if (applied !== SERVICES + (2 * PASSES + 1) * EVENTS) throw new Error(`applied ${applied} service events`);

    const rows: BenchResult[] = [
      { name: `watch-apply: CPU per service event, each moving the service (${SERVICES} svc)`, value: changed, unit: 'µs' },
      { name: 'watch-apply: CPU per service event, each changing nothing in the model', value: unchanged, unit: 'µs' },
      { name: `watch-apply: CPU of a /metrics after ${BETWEEN_SCRAPES} such events, median`, value: median(scrapes), unit: 'ms' },
    ];
    return rows;
  },
};

export default bench;
